export { DEMO_GROUPS, DEMO_PRODUCTS, DEMO_USERS, seedDemoData } from './demo-data';
export { generateCustomers, organisationNumber, seededRandom, type GeneratedCustomerOptions } from './customer-generator';
export { insertCustomersInBulk } from './bulk-customers';
