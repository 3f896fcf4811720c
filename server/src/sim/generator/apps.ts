// First-party Microsoft applications as they appear in sign-in logs (appId, appDisplayName) and the
// resources they call. Ids are Microsoft's well-known first-party application ids.

export interface SignInApp {
  appId: string;
  appDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
}

const EXCHANGE = { resourceId: '00000002-0000-0ff1-ce00-000000000000', resourceDisplayName: 'Office 365 Exchange Online' };
const SHAREPOINT = { resourceId: '00000003-0000-0ff1-ce00-000000000000', resourceDisplayName: 'Office 365 SharePoint Online' };
const GRAPH = { resourceId: '00000003-0000-0000-c000-000000000000', resourceDisplayName: 'Microsoft Graph' };
const TEAMS_SERVICE = { resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', resourceDisplayName: 'Microsoft Teams Services' };
const AAD_GRAPH = { resourceId: '00000002-0000-0000-c000-000000000000', resourceDisplayName: 'Windows Azure Active Directory' };

export const APPS = {
  officeHome: { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', appDisplayName: 'OfficeHome', ...GRAPH },
  exchangeOnline: { appId: '00000002-0000-0ff1-ce00-000000000000', appDisplayName: 'Office 365 Exchange Online', ...EXCHANGE },
  outlookDesktop: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office', ...EXCHANGE },
  teams: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', appDisplayName: 'Microsoft Teams', ...TEAMS_SERVICE },
  oneDriveSync: { appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763', appDisplayName: 'OneDrive SyncEngine', ...SHAREPOINT },
  outlookMobile: { appId: '27922004-5251-4030-b22d-91ecd9a37ea4', appDisplayName: 'Outlook Mobile', ...EXCHANGE },
  authBroker: { appId: '29d9ed98-a469-4536-ade2-f981bc1d605e', appDisplayName: 'Microsoft Authentication Broker', ...AAD_GRAPH },
  mySignins: { appId: '19db86c3-b2b9-44cc-b339-36da233a3be2', appDisplayName: 'My Signins', ...GRAPH },
  azureCli: { appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', appDisplayName: 'Microsoft Azure CLI', ...GRAPH },
  exchangeImap: { appId: '00000002-0000-0ff1-ce00-000000000000', appDisplayName: 'Office 365 Exchange Online', ...EXCHANGE },
} as const satisfies Record<string, SignInApp>;
