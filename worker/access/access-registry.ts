import { BootErrorCode, PluginBootError } from '../plugin/boot-error';
import type { AccessExtension, Authenticator, TenantResolver } from './types';

/** What the identity plugins registered: one authenticator, one tenant resolver, a login page. */
export class AccessRegistry implements AccessExtension {
  authenticator: Authenticator | undefined;
  tenantResolver: TenantResolver | undefined;
  loginPath: string | undefined;
  tenantPickerPath: string | undefined;

  setAuthenticator(authenticator: Authenticator): void {
    if (this.authenticator) throw new PluginBootError(BootErrorCode.SERVICE_CONFLICT, 'an authenticator is registered twice');
    this.authenticator = authenticator;
  }

  setTenantResolver(resolver: TenantResolver): void {
    if (this.tenantResolver) throw new PluginBootError(BootErrorCode.SERVICE_CONFLICT, 'a tenant resolver is registered twice');
    this.tenantResolver = resolver;
  }

  setLoginPath(path: string): void {
    this.loginPath = path;
  }

  setTenantPickerPath(path: string): void {
    this.tenantPickerPath = path;
  }
}
