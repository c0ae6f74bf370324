package dev.leadscore.core.account;

import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.Engine;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadEvent;

/** A small lead model and an account model over it, compiled with the built-in plugins. */
final class AccountModels {
  static final ModelCompiler COMPILER = Engine.builtin().compiler();
  static final long NOW = Timestamps.toMillis(Timestamps.parseUnchecked("2026-11-20T12:00:00Z"));

  /** fit: 20 for a vp, 10 for a manager; engagement: 15 per webinar. */
  static final String LEAD_MODEL =
      """
      {"name": "leads", "criteria": [
         {"id": "title", "type": "attribute", "dimension": "fit",
          "config": {"attribute": "job_title", "match": "first",
                     "cases": [{"contains": ["vp", "chief"], "points": 20},
                               {"contains": ["manager"], "points": 10}]}},
         {"id": "webinars", "type": "event_count", "dimension": "engagement",
          "config": {"event_types": ["webinar_attended"], "points_per_event": 15}}],
       "bands": [{"name": "cold", "min_score": 0}, {"name": "warm", "min_score": 30},
                 {"name": "hot", "min_score": 60}]}
      """;

  static final String ACCOUNT_MODEL =
      """
      {"name": "accounts",
       "account": {
         "lead_model": "leads",
         "membership": {"attribute": "account_id", "email_attribute": "email",
                        "free_mail_domains": ["example.net"]},
         "engaged": {"dimension": "engagement", "min_points": 15},
         "roles": {"role_attribute": "buying_role", "roles": [
           {"name": "decision_maker", "title_words": ["vp", "chief", "head of", "director"]},
           {"name": "champion", "title_words": ["manager", "lead"]},
           {"name": "user", "title_words": ["engineer", "analyst"]}]},
         "attributes": ["industry", "company_size"]},
       "criteria": [
         {"id": "best", "type": "top_leads", "dimension": "engagement",
          "config": {"count": 2, "points_per_score": 0.5}},
         {"id": "engaged", "type": "engaged_contacts", "dimension": "engagement",
          "config": {"points_per_contact": 5, "max_contacts": 2}},
         {"id": "committee", "type": "role_coverage", "dimension": "engagement",
          "config": {"points": {"decision_maker": 20, "champion": 10}}},
         {"id": "size", "type": "attribute", "dimension": "fit",
          "config": {"attribute": "company_size", "cases": [{"min": 500, "points": 15}]}}],
       "bands": [{"name": "cold", "min_score": 0}, {"name": "warm", "min_score": 40},
                 {"name": "hot", "min_score": 90}],
       "rules": [{"id": "committee_engaged", "force_band": "hot",
                  "when": "'decision_maker' in attributes.engaged_roles && 'champion' in attributes.engaged_roles"}],
       "grade": {
         "rows": {"dimension": "fit", "steps": [{"name": "A", "min": 10}, {"name": "B", "max": 10}]},
         "columns": {"dimension": "engagement", "steps": [{"name": "1", "min": 50}, {"name": "2", "max": 50}]}}}
      """;

  private AccountModels() {}

  static CompiledModel compile(String json) {
    return COMPILER.compile(ModelDocuments.parse(json, "test"), 1);
  }

  static CompiledModel leadModel() {
    return compile(LEAD_MODEL);
  }

  static CompiledModel accountModel() {
    return compile(ACCOUNT_MODEL);
  }

  /** A lead with a title, an account id, a company size and {@code webinars} webinars. */
  static Lead lead(String id, String title, int webinars) {
    Lead.Builder lead =
        Lead.newBuilder()
            .setId(id)
            .putAttributes("job_title", string(title))
            .putAttributes("account_id", string("acme"))
            .putAttributes("company_size", Value.newBuilder().setNumberValue(800).build());
    for (int i = 0; i < webinars; i++) {
      lead.addEvents(
          LeadEvent.newBuilder()
              .setType("webinar_attended")
              .setTime(Timestamps.fromMillis(NOW - 60_000L * (i + 1))));
    }
    return lead.build();
  }

  static Value string(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
