import { defineImageRule } from './imageRule';
import { secretFileHits } from './fileHits';

export default defineImageRule({
  meta: {
    id: 'image-credential-file',
    title: 'Credential file in the image',
    severity: 'high',
    category: 'secrets',
    rationale:
      'A file that holds credentials is in one of the image layers: AWS credentials, a Docker config with registry logins, an `.npmrc` auth token, `.git-credentials`, a `.netrc` or `.pypirc` password, or an `.env` file with secrets. Whoever pulls the image has them, even when a later layer deleted the file.',
    fix: 'Exclude the file from the build context (`.dockerignore`) and use `RUN --mount=type=secret` for the steps that need it; rotate the credentials that were published.',
  },
  check: (image) => secretFileHits(image, 'credential'),
});
