// Password rules: 8 to 256 characters (counted as Unicode code points), any characters, never truncated.
// services/inputs.ts checks them where passwords are typed.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
