import type { Product, ProductGroup } from '@nota/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../components/format';
import { call } from '../stores/call';
import { useStores } from '../stores/context';

type Group = ProductGroup & { products: Product[] };

/** Touch buttons for the products sold most by hand, one tab per product group. */
export function QuickPick() {
  const { t } = useTranslation();
  const f = useFormat();
  const { transport, cart } = useStores();
  const [groups, setGroups] = useState<Group[]>([]);
  const [groupId, setGroupId] = useState<string | null>(null);

  useEffect(() => {
    void call(transport, 'catalog/groups', { perGroup: 24 }).then((result) => {
      if (!result.ok) return;
      setGroups(result.data.groups);
      setGroupId((current) => current ?? result.data.groups[0]?.id ?? null);
    });
  }, [transport]);

  if (groups.length === 0) return null;
  const group = groups.find((g) => g.id === groupId) ?? groups[0]!;
  return (
    <section className="quick-pick" aria-label={t('sale.quickPick')}>
      <div className="tabs" role="group" aria-label={t('sale.groups')}>
        {groups.map((g) => (
          <button key={g.id} type="button" className="button button--tab" aria-pressed={g.id === group.id} onClick={() => setGroupId(g.id)}>
            {g.name}
          </button>
        ))}
      </div>
      <div className="quick-grid">
        {group.products.map((product) => (
          <button key={product.id} type="button" className="button button--tile" onClick={() => cart.getState().add(product)}>
            <span>{product.name}</span>
            <span className="amount">{f.money(product.priceOre)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
