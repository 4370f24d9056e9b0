/** The version of private-eks, stamped into stack tags (`private-eks.io/version`). Keep in step with package.json. */
export const VERSION = '0.1.0';
