export * from './calendar';
export * from './format';
export * from './invoice';
export * from './accounting-mapping';
export * from './voucher';
export * from './seller';
