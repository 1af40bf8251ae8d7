// Amounts: one formatter for the whole app.
export { formatAmount as formatWan } from '../../lib/amounts';
