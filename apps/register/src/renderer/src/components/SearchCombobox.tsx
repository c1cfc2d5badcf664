import type { ReactNode, Ref } from 'react';

/** How far Page Up and Page Down move the highlight in a long list. */
const PAGE_STEP = 10;

/**
 * The search box in front of a result list (products, customers): a labelled combobox whose arrows
 * move the highlighted option, Enter takes it and Escape clears. The list itself is the caller's.
 */
export function SearchCombobox({
  id,
  label,
  listId,
  activeOptionId,
  expanded,
  value,
  placeholder,
  inputRef,
  autoFocus,
  onChange,
  onMove,
  onEnter,
}: {
  id: string;
  label: ReactNode;
  listId: string;
  /** The highlighted option's element id, for screen readers (aria-activedescendant). */
  activeOptionId: string | undefined;
  expanded: boolean;
  value: string;
  placeholder: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  onChange: (value: string) => void;
  /** Moves the highlight by this many options (negative: up). */
  onMove: (delta: number) => void;
  onEnter: () => void;
}) {
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE_STEP, PageUp: -PAGE_STEP };
  return (
    <>
      <label htmlFor={id} className="label-strong">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        autoFocus={autoFocus}
        autoComplete="off"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeOptionId}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          const delta = moves[e.key];
          if (delta !== undefined) {
            e.preventDefault();
            onMove(delta);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onEnter();
          } else if (e.key === 'Escape' && value) {
            // Clears the box; an empty box lets Escape go on to close the panel.
            e.stopPropagation();
            onChange('');
          }
        }}
      />
    </>
  );
}
