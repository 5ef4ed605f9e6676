// The part of sm-crypto's API used here (SM2 key generation, signing and verification, GB/T 32918).
declare module 'sm-crypto' {
  interface SignOptions { hash?: boolean; der?: boolean; userId?: string; publicKey?: string }
  export const sm2: {
    generateKeyPairHex(): { publicKey: string; privateKey: string };
    doSignature(msg: string | number[], privateKey: string, options?: SignOptions): string;
    doVerifySignature(msg: string | number[], signHex: string, publicKey: string, options?: SignOptions): boolean;
  };
}
