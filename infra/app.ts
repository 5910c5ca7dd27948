// `cdk synth` / `cdk deploy` entry (infra/cdk.json): `npm run cdk -- synth`.
import { createAtollApp } from './create-app';

createAtollApp().app.synth();
