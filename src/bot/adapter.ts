import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Config } from '../config';
import { isAppError } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { ReusingAuthentication } from './reusing-auth';
import { typingIndicator } from './typing';

/**
 * The public cloud's settings with another OpenID metadata document for incoming tokens.
 * NOTE: naming any one of these switches the SDK to take all of them from the options (the rest
 * would be undefined), so the public cloud's values are named too.
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** The bot's Bot Framework credentials from the config, with connector clients reused. */
export function createAuthentication(config: Config): ReusingAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    // NOTE: without an app id nothing is authenticated, but the SDK's SingleTenant and
    // UserAssignedMSI paths still demand one: the unauthenticated local mode needs neither.
    MicrosoftAppType: config.appId ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.appTenantId ?? '',
    ...(config.botOpenIdMetadata ? publicCloudWith(config.botOpenIdMetadata) : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
  return new ReusingAuthentication(new ConfigurationBotFrameworkAuthentication(options));
}

/**
 * The Bot Framework adapter. With an app id, every request must carry a valid Bot Framework
 * token (the adapter answers 401 otherwise); without one it runs unauthenticated, for local use.
 */
export function createAdapter(config: Config, log: Logger, metrics: Metrics): CloudAdapter {
  const adapter = new CloudAdapter(createAuthentication(config));
  adapter.use(typingIndicator());
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activityId = context.activity?.id;
    metrics.errors.inc({ code: isAppError(error) ? error.code : 'turn_failed' });
    log.error({ activityId, err: error }, 'turn failed');
    // A person sees what happened and what to do, never a stack trace.
    if (context.activity?.type === 'message') {
      try {
        await context.sendActivity(
          'Something went wrong while answering. Please try again; if it keeps failing, tell the team that runs this bot.',
        );
      } catch (sendError) {
        log.warn({ activityId, err: sendError }, 'could not tell the user about the failure');
      }
    }
  };
  return adapter;
}
