// Tests read JSON bodies loosely and assert their shape; production code never uses this.
declare global {
  interface Response {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json(): Promise<any>
  }
}
export {}
