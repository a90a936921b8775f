// The API's response types, generated from its OpenAPI document (tests/openapi/parley.d.ts);
// the modules name them here so a change of contract fails the type check of the explorer.
import type { components } from "../../../tests/openapi/parley";

type Schemas = components["schemas"];

export type Problem = Schemas["Problem"];
export type MetaPublic = Schemas["MetaPublic"];
export type DocumentCoverage = Schemas["DocumentCoverage"];
export type RoundPublic = Schemas["RoundPublic"];
export type VenuePublic = Schemas["VenuePublic"];
export type AspectPublic = Schemas["AspectPublic"];
export type AspectComparison = Schemas["AspectComparison"];
export type CitationPublic = Schemas["CitationPublic"];
export type RoundParticipantPublic = Schemas["RoundParticipantPublic"];
export type RoundIssuePublic = Schemas["RoundIssuePublic"];
export type RoundComparison = Schemas["RoundComparison"];
export type IssueComparison = Schemas["IssueComparison"];
export type IssueInRound = Schemas["IssueInRound"];
export type IssueDetail = Schemas["IssueDetail"];
export type IssueItemPublic = Schemas["IssueItemPublic"];
export type IssueRoundPublic = Schemas["IssueRoundPublic"];
export type MeetingRef = Schemas["MeetingRef"];
export type EventPublic = Schemas["EventPublic"];
export type EventKind = Schemas["EventKind"];
export type ParticipantPublic = Schemas["ParticipantPublic"];
export type ParticipantDetail = Schemas["ParticipantDetail"];
export type ParticipantRoundPublic = Schemas["ParticipantRoundPublic"];
export type StatementPublic = Schemas["StatementPublic"];
export type ParticipantRef = Schemas["ParticipantRef"];
export type SourcePublic = Schemas["SourcePublic"];
export type SourceDetail = Schemas["SourceDetail"];
export type SourceCitationPublic = Schemas["SourceCitationPublic"];
export type CitedFact = Schemas["CitedFact"];
export type UncitedSpan = Schemas["UncitedSpan"];
export type UncitedReason = Schemas["UncitedReason"];
export type SearchResult = Schemas["SearchResult"];
export type SearchType = Schemas["SearchType"];
export type Support = Schemas["Support"];
export type Side = Schemas["Side"];
export type Role = Schemas["Role"];
export type Outcome = Schemas["Outcome"];
export type FactKind = Schemas["FactKind"];
export type DatePrecision = Schemas["DatePrecision"];

/** Every list endpoint answers with one page of items and the total. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
