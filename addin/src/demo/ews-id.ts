// Outlook gives the task pane EWS-format ids; Graph (and Lantern's API) use REST ids. The two differ in the
// URL-unsafe base64 characters: EWS uses '/' and '+', REST uses '-' and '_'. The demo stand-in hands out
// EWS-form ids so the pane must convert them exactly as it does in Outlook.

export function toEwsId(restId: string): string {
  return restId.replace(/-/g, '/').replace(/_/g, '+');
}

export function toRestId(ewsId: string): string {
  return ewsId.replace(/\//g, '-').replace(/\+/g, '_');
}
