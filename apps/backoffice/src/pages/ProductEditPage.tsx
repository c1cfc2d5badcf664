import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api/endpoints';
import { ErrorState, Loading, Notice } from '../components/States';
import { ProductForm } from './ProductForm';

/** + NEW PRODUCT and the pen icon of the product list. */
export function ProductEditPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [saved, setSaved] = useState<{ name: string; created: boolean } | null>(null);
  const product = useQuery({ queryKey: ['product', id], queryFn: () => api.catalog.product(id!), enabled: id !== null });
  if (id !== null && product.isPending) return <Loading />;
  if (id !== null && product.isError) return <ErrorState error={product.error} onRetry={() => void product.refetch()} />;
  const current = product.data ?? null;
  return (
    <section className="page">
      <Link href="/products" className="back">
        ← {t('products.title')}
      </Link>
      {saved ? <Notice>{saved.created ? t('products.created', { name: saved.name }) : t('products.updated')}</Notice> : null}
      <ProductForm
        key={current ? current.id : 'new'}
        product={current}
        onSaved={(p, created) => {
          setSaved({ name: p.name, created });
          if (created) navigate(`/products/${encodeURIComponent(p.id)}`, { replace: true });
        }}
      />
    </section>
  );
}
