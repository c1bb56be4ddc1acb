import type { AnyRule } from './rule';
import type { Category, Refs, RuleTarget, Severity } from './types';
import privilegedContainer from './rules/kubernetes/privileged-container';
import numberFieldNotANumber from './rules/kubernetes/number-field-not-a-number';
import booleanFieldNotABoolean from './rules/kubernetes/boolean-field-not-a-boolean';
import privilegeEscalationAllowed from './rules/kubernetes/privilege-escalation-allowed';
import runAsRootAllowed from './rules/kubernetes/run-as-root-allowed';
import hostNamespaceShared from './rules/kubernetes/host-namespace-shared';
import hostPathVolume from './rules/kubernetes/host-path-volume';
import hostPortUsed from './rules/kubernetes/host-port-used';
import forbiddenCapabilityAdded from './rules/kubernetes/forbidden-capability-added';
import capabilitiesNotDropped from './rules/kubernetes/capabilities-not-dropped';
import seccompUnconfined from './rules/kubernetes/seccomp-unconfined';
import seccompProfileMissing from './rules/kubernetes/seccomp-profile-missing';
import apparmorUnconfined from './rules/kubernetes/apparmor-unconfined';
import selinuxOptionForbidden from './rules/kubernetes/selinux-option-forbidden';
import unmaskedProcMount from './rules/kubernetes/unmasked-proc-mount';
import unsafeSysctl from './rules/kubernetes/unsafe-sysctl';
import windowsHostProcess from './rules/kubernetes/windows-host-process';
import probeHostSet from './rules/kubernetes/probe-host-set';
import restrictedVolumeType from './rules/kubernetes/restricted-volume-type';
import runAsUserZero from './rules/kubernetes/run-as-user-zero';
import containerImageMutableTag from './rules/kubernetes/container-image-mutable-tag';
import resourcesUnset from './rules/kubernetes/resources-unset';
import rootFilesystemWritable from './rules/kubernetes/root-filesystem-writable';
import serviceAccountTokenMounted from './rules/kubernetes/service-account-token-mounted';
import rbacWildcardPermission from './rules/kubernetes/rbac-wildcard-permission';
import rbacSecretsReadable from './rules/kubernetes/rbac-secrets-readable';
import rbacEscalationVerb from './rules/kubernetes/rbac-escalation-verb';
import rbacPodExecAllowed from './rules/kubernetes/rbac-pod-exec-allowed';
import rbacClusterAdminBinding from './rules/kubernetes/rbac-cluster-admin-binding';
import rbacBindingSubjectTooBroad from './rules/kubernetes/rbac-binding-subject-too-broad';
import rbacWorkloadsWritable from './rules/kubernetes/rbac-workloads-writable';
import rbacConfigmapsWritable from './rules/kubernetes/rbac-configmaps-writable';
import rbacNetworkingWritable from './rules/kubernetes/rbac-networking-writable';
import rbacWorkloadBoundToPowerfulRole from './rules/kubernetes/rbac-workload-bound-to-powerful-role';
import servicePubliclyExposed from './rules/kubernetes/service-publicly-exposed';
import serviceExternalIps from './rules/kubernetes/service-external-ips';
import ingressWithoutTls from './rules/kubernetes/ingress-without-tls';
import secretInEnvValue from './rules/kubernetes/secret-in-env-value';
import secretExposedAsEnv from './rules/kubernetes/secret-exposed-as-env';
import imagePullPolicyNotAlways from './rules/kubernetes/image-pull-policy-not-always';
import userOrGroupIdLow from './rules/kubernetes/user-or-group-id-low';
import probesMissing from './rules/kubernetes/probes-missing';
import defaultNamespaceUsed from './rules/kubernetes/default-namespace-used';
import imageFromUntrustedRegistry from './rules/kubernetes/image-from-untrusted-registry';
import baseImageLatestTag from './rules/dockerfile/base-image-latest-tag';
import finalStageRunsAsRoot from './rules/dockerfile/final-stage-runs-as-root';
import secretInArgOrEnv from './rules/dockerfile/secret-in-arg-or-env';
import addUrlWithoutChecksum from './rules/dockerfile/add-url-without-checksum';
import addInsteadOfCopy from './rules/dockerfile/add-instead-of-copy';
import fullSizeBaseImage from './rules/dockerfile/full-size-base-image';
import baseImageEndOfLife from './rules/dockerfile/base-image-end-of-life';
import deprecatedBaseImage from './rules/dockerfile/deprecated-base-image';
import finalStageKeepsToolchain from './rules/dockerfile/final-stage-keeps-toolchain';
import finalImageHasShell from './rules/dockerfile/final-image-has-shell';
import finalUserNotNumeric from './rules/dockerfile/final-user-not-numeric';
import aptGetInstallsRecommends from './rules/dockerfile/apt-get-installs-recommends';
import aptGetInstallWithoutYes from './rules/dockerfile/apt-get-install-without-yes';
import aptListsNotRemoved from './rules/dockerfile/apt-lists-not-removed';
import apkAddWithoutNoCache from './rules/dockerfile/apk-add-without-no-cache';
import pipInstallKeepsCache from './rules/dockerfile/pip-install-keeps-cache';
import curlPipedToShell from './rules/dockerfile/curl-piped-to-shell';
import sudoInRun from './rules/dockerfile/sudo-in-run';
import cdInsteadOfWorkdir from './rules/dockerfile/cd-instead-of-workdir';
import useraddWithoutNoLogInit from './rules/dockerfile/useradd-without-no-log-init';
import pipeWithoutPipefail from './rules/dockerfile/pipe-without-pipefail';
import chmodWorldWritable from './rules/dockerfile/chmod-world-writable';
import maintainerDeprecated from './rules/dockerfile/maintainer-deprecated';
import workdirRelative from './rules/dockerfile/workdir-relative';
import exposeSshPort from './rules/dockerfile/expose-ssh-port';
import instructionRepeatedInStage from './rules/dockerfile/instruction-repeated-in-stage';
import stageNameCasing from './rules/dockerfile/stage-name-casing';
import duplicateStageName from './rules/dockerfile/duplicate-stage-name';
import fromPlatformConstant from './rules/dockerfile/from-platform-constant';
import cmdShellForm from './rules/dockerfile/cmd-shell-form';
import rpmInstallWithoutYes from './rules/dockerfile/rpm-install-without-yes';
import packageCacheNotCleaned from './rules/dockerfile/package-cache-not-cleaned';
import aptInsteadOfAptGet from './rules/dockerfile/apt-instead-of-apt-get';
import packageUpdateAlone from './rules/dockerfile/package-update-alone';
import aptGetInstallUnpinned from './rules/dockerfile/apt-get-install-unpinned';
import apkAddUnpinned from './rules/dockerfile/apk-add-unpinned';
import copyFromOwnStage from './rules/dockerfile/copy-from-own-stage';
import exposePortOutOfRange from './rules/dockerfile/expose-port-out-of-range';
import copyToNonDirectory from './rules/dockerfile/copy-to-non-directory';
import reservedStageName from './rules/dockerfile/reserved-stage-name';
import redundantTargetPlatform from './rules/dockerfile/redundant-target-platform';
import curlAndWget from './rules/dockerfile/curl-and-wget';
import fromAsCasing from './rules/dockerfile/from-as-casing';
import pipInstallUnpinned from './rules/dockerfile/pip-install-unpinned';
import copyFromUnknownStage from './rules/dockerfile/copy-from-unknown-stage';
import copyWholeStageFilesystem from './rules/dockerfile/copy-whole-stage-filesystem';
import workdirSystemDirectory from './rules/dockerfile/workdir-system-directory';
import distUpgradeInRun from './rules/dockerfile/dist-upgrade-in-run';
import healthcheckMissing from './rules/dockerfile/healthcheck-missing';
import exposeProtocolCasing from './rules/dockerfile/expose-protocol-casing';
import exposeInvalidFormat from './rules/dockerfile/expose-invalid-format';
import legacyKeyValueFormat from './rules/dockerfile/legacy-key-value-format';
import emptyContinuationLine from './rules/dockerfile/empty-continuation-line';
import instructionCasingInconsistent from './rules/dockerfile/instruction-casing-inconsistent';
import npmInstallUnpinned from './rules/dockerfile/npm-install-unpinned';
import npmInstallInsteadOfCi from './rules/dockerfile/npm-install-instead-of-ci';
import undefinedVariable from './rules/dockerfile/undefined-variable';
import gemInstallUnpinned from './rules/dockerfile/gem-install-unpinned';
import goInstallUnpinned from './rules/dockerfile/go-install-unpinned';
import rpmInstallUnpinned from './rules/dockerfile/rpm-install-unpinned';
import yarnCacheNotCleaned from './rules/dockerfile/yarn-cache-not-cleaned';
import wgetWithoutProgress from './rules/dockerfile/wget-without-progress';
import interactiveCommandInRun from './rules/dockerfile/interactive-command-in-run';
import shellSymlinkInsteadOfShell from './rules/dockerfile/shell-symlink-instead-of-shell';
import onbuildForbiddenTrigger from './rules/dockerfile/onbuild-forbidden-trigger';
import instructionBeforeFrom from './rules/dockerfile/instruction-before-from';
import copyRelativeWithoutWorkdir from './rules/dockerfile/copy-relative-without-workdir';
import consecutiveRunInstructions from './rules/dockerfile/consecutive-run-instructions';
import undefinedArgInFrom from './rules/dockerfile/undefined-arg-in-from';
import envSelfReference from './rules/dockerfile/env-self-reference';
import baseImageUntrustedRegistry from './rules/dockerfile/base-image-untrusted-registry';
import labelKeyInvalid from './rules/dockerfile/label-key-invalid';
import labelMissing from './rules/dockerfile/label-missing';
import labelNotInSchema from './rules/dockerfile/label-not-in-schema';
import labelValueInvalid from './rules/dockerfile/label-value-invalid';
import archiveCopiedThenExtracted from './rules/dockerfile/archive-copied-then-extracted';
import invalidDefaultArgInFrom from './rules/dockerfile/invalid-default-arg-in-from';

/** Every rule, listed once. A test proves each file under `rules/` appears here. */
export const RULES: readonly AnyRule[] = [
  privilegedContainer,
  numberFieldNotANumber,
  booleanFieldNotABoolean,
  privilegeEscalationAllowed,
  runAsRootAllowed,
  hostNamespaceShared,
  hostPathVolume,
  hostPortUsed,
  forbiddenCapabilityAdded,
  capabilitiesNotDropped,
  seccompUnconfined,
  seccompProfileMissing,
  apparmorUnconfined,
  selinuxOptionForbidden,
  unmaskedProcMount,
  unsafeSysctl,
  windowsHostProcess,
  probeHostSet,
  restrictedVolumeType,
  runAsUserZero,
  containerImageMutableTag,
  resourcesUnset,
  rootFilesystemWritable,
  serviceAccountTokenMounted,
  rbacWildcardPermission,
  rbacSecretsReadable,
  rbacEscalationVerb,
  rbacPodExecAllowed,
  rbacClusterAdminBinding,
  rbacBindingSubjectTooBroad,
  rbacWorkloadsWritable,
  rbacConfigmapsWritable,
  rbacNetworkingWritable,
  rbacWorkloadBoundToPowerfulRole,
  servicePubliclyExposed,
  serviceExternalIps,
  ingressWithoutTls,
  secretInEnvValue,
  secretExposedAsEnv,
  imagePullPolicyNotAlways,
  userOrGroupIdLow,
  probesMissing,
  defaultNamespaceUsed,
  imageFromUntrustedRegistry,
  baseImageLatestTag,
  finalStageRunsAsRoot,
  secretInArgOrEnv,
  addUrlWithoutChecksum,
  addInsteadOfCopy,
  fullSizeBaseImage,
  baseImageEndOfLife,
  deprecatedBaseImage,
  finalStageKeepsToolchain,
  finalImageHasShell,
  finalUserNotNumeric,
  // Dockerfile rules that read RUN through the shell parser, and the BuildKit/hadolint instruction checks.
  aptGetInstallsRecommends,
  aptGetInstallWithoutYes,
  aptListsNotRemoved,
  apkAddWithoutNoCache,
  pipInstallKeepsCache,
  curlPipedToShell,
  sudoInRun,
  cdInsteadOfWorkdir,
  useraddWithoutNoLogInit,
  pipeWithoutPipefail,
  chmodWorldWritable,
  maintainerDeprecated,
  workdirRelative,
  exposeSshPort,
  instructionRepeatedInStage,
  stageNameCasing,
  duplicateStageName,
  fromPlatformConstant,
  cmdShellForm,
  rpmInstallWithoutYes,
  packageCacheNotCleaned,
  aptInsteadOfAptGet,
  packageUpdateAlone,
  aptGetInstallUnpinned,
  apkAddUnpinned,
  copyFromOwnStage,
  exposePortOutOfRange,
  copyToNonDirectory,
  reservedStageName,
  redundantTargetPlatform,
  curlAndWget,
  fromAsCasing,
  pipInstallUnpinned,
  // Issue 8: the rest of the hadolint, BuildKit, Trivy DS and CIS catalogue.
  copyFromUnknownStage,
  copyWholeStageFilesystem,
  workdirSystemDirectory,
  distUpgradeInRun,
  healthcheckMissing,
  exposeProtocolCasing,
  exposeInvalidFormat,
  legacyKeyValueFormat,
  emptyContinuationLine,
  instructionCasingInconsistent,
  npmInstallUnpinned,
  npmInstallInsteadOfCi,
  gemInstallUnpinned,
  goInstallUnpinned,
  rpmInstallUnpinned,
  yarnCacheNotCleaned,
  wgetWithoutProgress,
  interactiveCommandInRun,
  shellSymlinkInsteadOfShell,
  onbuildForbiddenTrigger,
  instructionBeforeFrom,
  copyRelativeWithoutWorkdir,
  consecutiveRunInstructions,
  undefinedArgInFrom,
  undefinedVariable,
  envSelfReference,
  baseImageUntrustedRegistry,
  labelKeyInvalid,
  labelMissing,
  labelNotInSchema,
  labelValueInvalid,
  archiveCopiedThenExtracted,
  invalidDefaultArgInFrom,
] as AnyRule[];

/** Findings the engine itself reports about the input rather than its content. */
export const ENGINE_CHECKS: Record<'invalid-file' | 'invalid-config' | 'template-not-checked' | 'partial-object-not-checked' | 'namespace-without-network-policy', { id: string; title: string; defaultSeverity: Severity; category: Category; appliesTo: RuleTarget | 'any'; rationale: string; refs?: Partial<Refs> }> = {
  'invalid-file': {
    id: 'invalid-file',
    title: 'File could not be checked',
    defaultSeverity: 'error',
    category: 'hygiene',
    appliesTo: 'any',
    rationale:
      'A file that does not parse (a YAML syntax error in a Kubernetes or Compose document), holds binary data or is too large to check is reported here, with the reason, so that CI never passes silently over a file it could not read. The other documents of a multi-document file are still checked.',
  },
  'template-not-checked': {
    id: 'template-not-checked',
    title: 'Helm template documents not checked',
    defaultSeverity: 'info',
    category: 'hygiene',
    appliesTo: 'kubernetes',
    rationale:
      'A Helm template (`{{ … }}`) is not a manifest until Helm renders it: values, conditionals and includes decide what the API server will receive, so any finding on the source would be a guess. Seaworthy says once per file which documents it skipped, and checks what is certain. Check the rendered output (`helm template … | seaworthy check -` or a file) to cover them.',
  },
  'partial-object-not-checked': {
    id: 'partial-object-not-checked',
    title: 'Kustomize patch documents checked only for what they set',
    defaultSeverity: 'info',
    category: 'hygiene',
    appliesTo: 'kubernetes',
    rationale:
      'A Kustomize patch (strategic merge) names only what it changes: a container with its `name` and the fields the overlay sets, a pod spec without its containers. What it leaves out comes from the base, so a finding about a missing setting would be a guess. In a file whose path names a patch (`patch.yaml`, `deployment-patch.yaml`, `patches/…`), a built-in workload with a container that has no `image`, or a pod spec with no `containers` (both rejected by the API server in a whole object), is read as such a patch: only what it sets itself is reported (`privileged: true` stays in the merged object whatever the base says), never a missing setting, nor a finding the base could lift (`os.name: windows` or `hostUsers: false` relax some checks) or the overlay could rewrite (`images`, `namespace`). Seaworthy says once per file how many documents it checked that way. Check the output of `kustomize build` (or `kubectl kustomize`) to cover the rest.',
  },
  'namespace-without-network-policy': {
    id: 'namespace-without-network-policy',
    title: 'Namespace has workloads but no NetworkPolicy selects them',
    defaultSeverity: 'warning',
    category: 'isolation',
    appliesTo: 'kubernetes',
    refs: { kubeScore: ['pod-networkpolicy'], polaris: ['missingNetworkPolicy'], kubeLinter: ['non-isolated-pod'], checkov: ['CKV2_K8S_6'] },
    rationale:
      'Without a NetworkPolicy that selects a pod, every pod in the cluster may connect to it and it may connect anywhere: one compromised workload reaches all the others. This check looks across files, so it runs where the whole set is known: `seaworthy check` over the files it checks, and **Seaworthy: Check Workspace** in the editor; once the workspace has been checked, open documents show it as typed (before that, a single document cannot say whether the policy lives in another file). For each namespace that has workloads (objects with a pod spec and `metadata.namespace`) but no `networking.k8s.io/v1` NetworkPolicy in that namespace whose `podSelector` selects their pod labels (`{}` selects all; `matchExpressions` is taken to select), it reports once, on the Namespace object when one of the files has it, else on the first such workload, naming the workloads. Objects without `metadata.namespace` (the namespace is chosen at apply time) and Helm templates are left out. A `# seaworthy-ignore namespace-without-network-policy` above the line it is reported on (the light bulb writes it there, in an open document too) silences it for that namespace, in the editor and in `seaworthy check`. Add a default-deny policy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) and allow what each workload needs.',
  },
  'invalid-config': {
    id: 'invalid-config',
    title: 'Invalid .seaworthy.yaml',
    defaultSeverity: 'error',
    category: 'hygiene',
    appliesTo: 'any',
    rationale:
      'A mistake in `.seaworthy.yaml` (an unknown rule id, a misspelt severity, a setting of the wrong type) is reported at its place in the file, and the default for that setting stays in force, so that a typo never turns checking off.',
  },
};

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export const RULE_IDS: ReadonlySet<string> = new Set([...byId.keys(), ...Object.keys(ENGINE_CHECKS)]);

export function ruleById(id: string): AnyRule | undefined {
  return byId.get(id);
}
