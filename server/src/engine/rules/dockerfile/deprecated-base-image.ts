import { baseImageFacts, finalImageParts } from '../../dockerfile/finalImage';
import { defineRule } from '../../rule';

/**
 * Images whose maintainers stopped updating them (the catalogue's `deprecated` entries, e.g.
 * `openjdk`, deprecated since July 2022 with only early-access builds updated), in every stage
 * that reaches the final image.
 */
export default defineRule({
  meta: {
    id: 'deprecated-base-image',
    title: 'Base image is deprecated',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: {},
    fixable: false,
    rationale:
      'A deprecated image is no longer rebuilt for security fixes, even when its tags keep working: `openjdk` was deprecated in July 2022 in favour of the Eclipse Temurin, Amazon Corretto, IBM Semeru and other vendors\' images. Move to the replacement its maintainers name.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nUSER 10001\nCMD ["java", "-jar", "/app.jar"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM openjdk:21\nCOPY app.jar /app.jar\nUSER 10001\nCMD ["java", "-jar", "/app.jar"]\n',
    },
  },
  check(context) {
    for (const stage of finalImageParts(context.dockerfile).stages) {
      const deprecated = baseImageFacts(stage.base)?.family.deprecated;
      if (!deprecated) continue;
      context.report({
        range: stage.base.range,
        message: `${stage.base.written} is deprecated (since ${deprecated.since}: ${deprecated.reason}); use ${deprecated.replacement}`,
      });
    }
  },
});
