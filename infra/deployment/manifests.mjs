#!/usr/bin/env node
// Renders a kustomize overlay and validates every document against its schema: Kubernetes' own
// kinds and KEDA's and prometheus-operator's with the kubernetes-models packages, Strimzi's with
// strimzi-schemas.mjs. Prints {"documents": [...], "errors": [...]} as JSON; exits 1 on errors.
//   node infra/deployment/manifests.mjs [k8s/overlays/production]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { kustomizeBuild } from '../local/kustomize.mjs';
import { paths } from '../local/settings.mjs';
import { strimziSchemas } from './strimzi-schemas.mjs';

// apiVersion group → the package module holding its model classes
const modelModules = {
  'keda.sh': (version) => `@kubernetes-models/keda/keda.sh/${version}`,
  'monitoring.coreos.com': (version) => `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}`,
};

function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (modelModules[group]) return modelModules[group](version);
  return `kubernetes-models/${group ? `${group}/` : ''}${version}`;
}

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const strimziValidators = Object.fromEntries(
  Object.entries(strimziSchemas).map(([key, schema]) => [key, ajv.compile(schema)]),
);

/** The reason the document does not match its schema, or null when it does. */
async function schemaError(document) {
  const { apiVersion, kind } = document;
  const strimzi = strimziValidators[`${apiVersion}/${kind}`];
  if (strimzi) return strimzi(document) ? null : ajv.errorsText(strimzi.errors);
  let models;
  try {
    models = await import(modelModule(apiVersion));
  } catch {
    return `no schema known for ${apiVersion}`;
  }
  const Model = models[kind];
  if (!Model) return `no schema known for ${apiVersion} ${kind}`;
  try {
    new Model(document).validate();
    return null;
  } catch (error) {
    return error.message;
  }
}

export async function renderAndValidate(overlay) {
  const documents = parseAllDocuments(kustomizeBuild(path.resolve(paths.repoRoot, overlay))).map((doc) => doc.toJS());
  const errors = [];
  for (const document of documents) {
    const reason = await schemaError(document);
    if (reason) errors.push(`${document.kind}/${document.metadata?.name}: ${reason}`);
  }
  return { documents, errors };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  renderAndValidate(process.argv[2] ?? 'k8s/overlays/production').then(
    (result) => {
      process.stdout.write(JSON.stringify(result));
      process.exitCode = result.errors.length > 0 ? 1 : 0;
    },
    (error) => {
      console.error(error.message);
      process.exit(2);
    },
  );
}
