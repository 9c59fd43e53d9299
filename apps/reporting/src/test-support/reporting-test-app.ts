import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { REPORTING_SERVICE } from '../reporting.app';
import { ReportingModule, type ReportingModuleOptions } from '../reporting.module';

/** The reporting service on the test file's slice, with its own database. */
export function startReporting(
  stack: ManagedIsolatedStack,
  env: Record<string, string> = {},
  options: ReportingModuleOptions = {},
): Promise<ServiceUnderTest> {
  return startServiceUnderTest(
    stack,
    REPORTING_SERVICE,
    (serviceEnv) => ReportingModule.register(serviceEnv, options),
    { REPORTING_CATCH_UP_CHECK_MS: '100', ...env },
  );
}
