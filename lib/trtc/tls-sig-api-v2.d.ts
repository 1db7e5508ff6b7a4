// The package ships no types; usersig.ts narrows this to the members it uses.
declare module "tls-sig-api-v2" {
  const tlsSigApiV2: unknown;
  export default tlsSigApiV2;
}
