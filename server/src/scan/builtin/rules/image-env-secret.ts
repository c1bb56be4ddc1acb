import { secretAssignment, splitAssignment } from '../secretValues';
import { defineImageRule } from './imageRule';

export default defineImageRule({
  meta: {
    id: 'image-env-secret',
    title: 'Secret in the image environment',
    severity: 'high',
    category: 'secrets',
    rationale:
      "An environment variable with a secret-looking name has a value in the image config, where anyone who can pull the image reads it (`docker inspect`), and every container inherits it. The value is not repeated in this report.",
    fix: 'Remove the `ENV` from the Dockerfile; give the secret to the container at run time (a mounted secret, or the orchestrator\'s secret store), and rotate the value that was published.',
  },
  check(image) {
    return (image.config.config?.Env ?? []).flatMap((entry) => {
      const assignment = splitAssignment(entry);
      const word = assignment && secretAssignment(assignment.name, assignment.value);
      return assignment && word ? [{ message: `the image's environment sets ${assignment.name} to a secret (${word}): it is readable by anyone who can pull the image`, path: null }] : [];
    });
  },
});
