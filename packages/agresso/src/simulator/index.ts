export { startAgressoSimulator, DEFAULT_CONFIRMATION_TEMPLATE_ID, DEFAULT_PER_VOUCHER_MS, DEFAULT_PROCESSING_DELAY_MS, DEFAULT_TAX_CODES } from './simulator';
export type { AcceptedCustomer, AcceptedImport, AcceptedVoucher, AgressoSimulator, SimulatorCustomer, SimulatorFault, SimulatorOptions, SimulatorService } from './types';
export { describeGl07Checks } from './cli-options';
