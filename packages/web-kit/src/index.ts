export * from './locale';
export * from './money';
export * from './dates';
export * from './i18n';
export { commonSv, type CommonTexts, type Translation } from './texts/common.sv';
export { commonEn } from './texts/common.en';
export * from './countries';
export * from './customer-form';
