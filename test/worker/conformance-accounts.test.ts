// The first-party plugins that own accounts, tenants, files and projects pass the conformance suite
// (worker/plugin/testing/conformance.ts); conformance-data.test.ts runs the rest.
import { ACCOUNT_PLUGINS, firstPartyConformance } from './first-party-conformance';

firstPartyConformance(ACCOUNT_PLUGINS);
