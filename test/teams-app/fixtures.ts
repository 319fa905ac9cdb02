/** A bot id and host the tests fill the manifest with. */
export const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3';
export const DOMAIN = 'afsbot-test.azurewebsites.net';
