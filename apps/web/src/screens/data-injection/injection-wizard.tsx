import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { createModel, proposeModel, startRun } from '../../api/import-actions';
import type { ImportModel, ProposedModel } from '../../api/parc-views';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { AdditionalStep } from './additional-step';
import { MappingStep } from './mapping-step';
import { ModelStep, type ModelChoice } from './model-step';
import { RunReport } from './run-report';

type Wizard =
  | { step: 1 }
  | { step: 2; choice: ModelChoice; proposed: ProposedModel }
  | { step: 3; file: File; model: ImportModel; proposed: ProposedModel }
  | {
      step: 4;
      file: File;
      model: ImportModel;
      proposed: ProposedModel;
      runId: string;
      dryRun: boolean;
      additional: Record<string, string>;
    };

/**
 * GLPI's Data Injection: choose or create a model, upload the file, check the mapping proposed
 * from its header against its first lines, give the additional information, try a dry run, run
 * it with live progress, read the report. Each step's call is the imports service's.
 */
function InjectionWizard() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const [wizard, setWizard] = useState<Wizard>({ step: 1 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const act = (work: () => Promise<Wizard>) => {
    setBusy(true);
    setError(null);
    work()
      .then(setWizard, setError)
      .finally(() => setBusy(false));
  };
  const chooseModel = (choice: ModelChoice) =>
    act(async () => ({
      step: 2,
      choice,
      proposed: await proposeModel(choice.file, choice.model ? choice.model.targetType : choice.targetType),
    }));
  const run = (current: Extract<Wizard, { step: 3 | 4 }>, dryRun: boolean, additional: Record<string, string>) =>
    act(async () => {
      const started = await startRun(current.model.modelId, current.file, dryRun, additional);
      return { ...current, step: 4, runId: started.runId, dryRun, additional };
    });
  return (
    <>
      <h1>{t('dataInjection')}</h1>
      <p className="meta" data-testid="wizard-step">
        {t('injection.step', { step: wizard.step })}
      </p>
      {can('import.read') && (
        <p>
          <Link to="/data-injection/runs">{t('runs.link')}</Link>
        </p>
      )}
      <ProblemMessage error={error} />
      {wizard.step === 1 && <ModelStep busy={busy} onNext={chooseModel} />}
      {wizard.step === 2 && (
        <MappingStep
          proposed={wizard.proposed}
          model={wizard.choice.model}
          busy={busy}
          onSave={(mapping, options) =>
            act(async () => {
              const { choice, proposed } = wizard;
              const model =
                choice.model ??
                (await createModel({
                  name: choice.name,
                  targetType: choice.targetType,
                  mapping,
                  options: { ...options, delimiter: proposed.options.delimiter },
                }));
              await queryClient.invalidateQueries({ queryKey: ['import-models'] });
              return { step: 3, file: choice.file, model, proposed };
            })
          }
        />
      )}
      {wizard.step === 3 && (
        <AdditionalStep
          model={wizard.model}
          fields={wizard.proposed.fields}
          busy={busy}
          onRun={(dryRun, additional) => run(wizard, dryRun, additional)}
        />
      )}
      {wizard.step === 4 && (
        <>
          <RunReport key={wizard.runId} runId={wizard.runId} />
          {wizard.dryRun && (
            <button type="button" disabled={busy} onClick={() => run(wizard, false, wizard.additional)}>
              {t('injection.runAfterDryRun')}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** /data-injection: for users who may run imports (import.run). */
export function InjectionWizardScreen() {
  const { t } = useI18n();
  return useSession().can('import.run') ? <InjectionWizard /> : <h1>{t('forbidden')}</h1>;
}
