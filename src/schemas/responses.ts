import { listEnvelope, singleEnvelope } from './envelopes.js';
import {
  applicationSchema,
  changeSchema,
  countryDetailSchema,
  countrySchema,
  datasetMetaSchema,
  eventSchema,
  snapshotSchema,
  sourceSchema,
  statusPeriodSchema,
  summitDetailSchema,
  summitSchema,
} from './resources.js';

// Each envelope once: a named component in the OpenAPI document, a named type in generated clients.
export const countryList = listEnvelope(countrySchema, 'CountryList');
export const countryResponse = singleEnvelope(countryDetailSchema, 'CountryResponse');
export const statusPeriodList = listEnvelope(statusPeriodSchema, 'StatusPeriodList');
export const changeList = listEnvelope(changeSchema, 'ChangeList');
export const snapshotResponse = singleEnvelope(snapshotSchema, 'SnapshotResponse');
export const summitList = listEnvelope(summitSchema, 'SummitList');
export const summitResponse = singleEnvelope(summitDetailSchema, 'SummitResponse');
export const eventList = listEnvelope(eventSchema, 'EventList');
export const sourceList = listEnvelope(sourceSchema, 'SourceList');
export const sourceResponse = singleEnvelope(sourceSchema, 'SourceResponse');
export const metaResponse = singleEnvelope(datasetMetaSchema, 'MetaResponse');
export const applicationList = listEnvelope(applicationSchema, 'ApplicationList');
export const applicationResponse = singleEnvelope(applicationSchema, 'ApplicationResponse');
