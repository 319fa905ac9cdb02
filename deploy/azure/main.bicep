// afsbot on Azure: an App Service (Linux, Node 20) running the bot, an Azure Bot resource with
// the Microsoft Teams channel, a Storage account for the bot's state (STORAGE=azure-blob), and a
// user-assigned managed identity for the Storage Sync management API (HEALTH_PROVIDER=azure).
// Every variable the bot's config reads is set as an app setting (test/deploy checks the names).

@description('Prefix of every resource name (letters and digits, 3 to 11 characters).')
@minLength(3)
@maxLength(11)
param name string = 'afsbot'

@description('Region of the App Service, the storage account and the identity.')
param location string = resourceGroup().location

@description('App Service plan SKU (B1 or larger: Always On needs it).')
param planSku string = 'B1'

@description('Client id of the bot\'s Entra app registration. Leave empty with UserAssignedMSI: the identity this template creates is the bot\'s app id.')
param microsoftAppId string = ''

@description('Client secret of that app registration. Leave empty with UserAssignedMSI.')
@secure()
param microsoftAppPassword string = ''

@allowed(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
param microsoftAppType string = 'SingleTenant'

@description('Tenant of the app registration (SingleTenant and UserAssignedMSI).')
param microsoftAppTenantId string = tenant().tenantId

@allowed(['none', 'azure', 'http'])
param healthProvider string = 'azure'

@description('Subscription that holds the Storage Sync Services the bot reads.')
param azureSubscriptionId string = subscription().subscriptionId

@description('Resource Manager endpoint for sovereign clouds; empty for the public cloud.')
param azureResourceManagerEndpoint string = ''

@description('With healthProvider http: the JSON endpoint in the server-endpoint list shape.')
param healthApiUrl string = ''

@description('With healthProvider http: its bearer token, if it needs one.')
@secure()
param healthApiToken string = ''

@description('Shared secret Azure Monitor action groups send as ?code= on /api/alerts (16+ characters); empty turns alerts off.')
@secure()
param alertWebhookSecret string = ''

@description('Bearer token that reads /metrics (16+ characters); with an app id set, /metrics is closed without it.')
@secure()
param metricsToken string

@description('Requests a minute per client address on /api/ask and /api/knowledge/* (0: no limit).')
param rateLimitPerMinute int = 120

@description('Seconds between polls of the subscribed sync groups (0: no polling).')
param pollIntervalSeconds int = 300

@description('Replies kept by message text (0: no cache).')
param answerCacheSize int = 256

@description('Days the questions the bot could not answer are kept for maintainers (0: not recorded).')
param gapsRetentionDays int = 0

@description('Entra object ids (comma-separated) of the people who may use the gaps command.')
param gapsAdmins string = ''

@description('Who the bot answers: customer (internal support guides only when asked for by their own terms) or support (every entry).')
@allowed(['customer', 'support'])
param audience string = 'customer'

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Grant the identity Reader on this resource group (where the Storage Sync Services are).')
param grantReaderOnResourceGroup bool = true

var suffix = uniqueString(resourceGroup().id, name)
// NOTE: with UserAssignedMSI the bot signs in as the identity created below, so its client id is
// the app id: one deployment creates the identity and registers the bot with it.
var appId = microsoftAppType == 'UserAssignedMSI' ? identity.properties.clientId : microsoftAppId
var appTenantId = microsoftAppType == 'MultiTenant' ? '' : microsoftAppTenantId
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: toLower('${name}${suffix}')
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: planSku }
  properties: { reserved: true }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource web 'Microsoft.Web/sites@2023-01-01' = {
  name: '${name}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'node --max-old-space-size=128 --max-semi-space-size=8 bin/afsbot.js serve'
      appSettings: [
        { name: 'PORT', value: '8080' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'MicrosoftAppId', value: appId }
        { name: 'MicrosoftAppPassword', value: microsoftAppPassword }
        { name: 'MicrosoftAppType', value: microsoftAppType }
        { name: 'MicrosoftAppTenantId', value: appTenantId }
        { name: 'BotOpenIdMetadata', value: '' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'STORAGE', value: 'azure-blob' }
        { name: 'AZURE_STORAGE_CONNECTION_STRING', value: storageConnection }
        { name: 'GAPS_RETENTION_DAYS', value: string(gapsRetentionDays) }
        { name: 'GAPS_ADMINS', value: gapsAdmins }
        { name: 'HEALTH_PROVIDER', value: healthProvider }
        { name: 'AZURE_SUBSCRIPTION_ID', value: azureSubscriptionId }
        { name: 'AZURE_RESOURCE_MANAGER_ENDPOINT', value: azureResourceManagerEndpoint }
        { name: 'HEALTH_API_URL', value: healthApiUrl }
        { name: 'HEALTH_API_TOKEN', value: healthApiToken }
        { name: 'ALERT_WEBHOOK_SECRET', value: alertWebhookSecret }
        { name: 'POLL_INTERVAL_SECONDS', value: string(pollIntervalSeconds) }
        { name: 'ANSWER_CACHE_SIZE', value: string(answerCacheSize) }
        { name: 'LEASE_SECONDS', value: '30' }
        { name: 'METRICS_TOKEN', value: metricsToken }
        { name: 'RATE_LIMIT_PER_MINUTE', value: string(rateLimitPerMinute) }
        { name: 'AUDIENCE', value: audience }
        { name: 'LOG_LEVEL', value: logLevel }
        // DefaultAzureCredential picks the user-assigned identity by its client id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // The package is built (npm ci runs the TypeScript build) during deployment.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'afsbot'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: appId
    msaAppType: microsoftAppType
    msaAppTenantId: appTenantId
    msaAppMSIResourceId: microsoftAppType == 'UserAssignedMSI' ? identity.id : ''
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantReaderOnResourceGroup) {
  name: guid(resourceGroup().id, identity.id, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output botEndpoint string = bot.properties.endpoint
output hostName string = web.properties.defaultHostName
output identityClientId string = identity.properties.clientId
output microsoftAppId string = appId
