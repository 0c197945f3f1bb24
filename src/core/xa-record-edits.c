/* xa-record-edits.c — see xa-record-edits.h. Messages are in English like the rest of the
 * core's errors; the client shows the field and the code in its own words. */
#include "config.h"

#include <string.h>

#include "xa-calendar.h"
#include "xa-record-edits.h"

G_DEFINE_QUARK (xa-record-edit-error-quark, xa_record_edit_error)

/* Rows: from; columns: to. */
static const gboolean flow[4][4] = {
  /*                          open   in_progress resolved closed */
  [XA_STATUS_OPEN]        = { TRUE,  TRUE,       TRUE,    FALSE },
  [XA_STATUS_IN_PROGRESS] = { FALSE, TRUE,       TRUE,    FALSE },
  [XA_STATUS_RESOLVED]    = { FALSE, TRUE,       TRUE,    TRUE },
  [XA_STATUS_CLOSED]      = { FALSE, FALSE,      FALSE,   FALSE },
};

gboolean
xa_problem_status_may_change (XaProblemStatus from,
                              XaProblemStatus to)
{
  if ((guint) from >= G_N_ELEMENTS (flow) || (guint) to >= G_N_ELEMENTS (flow))
    return FALSE;
  return flow[from][to];
}

gboolean
xa_planned_year_is_valid (gint64 year)
{
  return year >= XA_EDIT_MIN_PLANNED_YEAR && year <= XA_EDIT_MAX_PLANNED_YEAR;
}

gboolean
xa_edit_note_is_valid (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL) &&
         g_utf8_strlen (text, -1) <= XA_EDIT_MAX_NOTE;
}

gboolean
xa_edit_party_is_valid (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL) &&
         text[strspn (text, " \t\r\n")] != '\0' && g_utf8_strlen (text, -1) <= XA_EDIT_MAX_PARTY;
}

gboolean
xa_problem_edit_check (const XaProblemEdit  *edit,
                       XaProblemStatus       current,
                       GError              **error)
{
  g_return_val_if_fail (edit != NULL, FALSE);

  if ((guint) edit->status > XA_STATUS_CLOSED || (guint) current > XA_STATUS_CLOSED)
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The status (“status”) is not one the ledger knows");
      return FALSE;
    }
  if (current == XA_STATUS_CLOSED)
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION,
                   "The problem is closed, which is final: nothing about it can change");
      return FALSE;
    }
  if (!xa_problem_status_may_change (current, edit->status))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_TRANSITION,
                   "The status cannot go from “%s” to “%s”; the flow is open → in_progress → "
                   "resolved → closed, open → resolved, resolved → in_progress",
                   xa_problem_status_names[current], xa_problem_status_names[edit->status]);
      return FALSE;
    }
  if (edit->set_tier && (guint) edit->tier > XA_TIER_CITY)
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The tier (“tier”) is not one the ledger knows");
      return FALSE;
    }
  if (edit->note == NULL || !xa_edit_note_is_valid (edit->note))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "Every problem update needs a note (“note”) of up to %d characters",
                   XA_EDIT_MAX_NOTE);
      return FALSE;
    }
  if (edit->responsible_party != NULL && !xa_edit_party_is_valid (edit->responsible_party))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The responsible party (“responsible_party”) must be 1 to %d characters",
                   XA_EDIT_MAX_PARTY);
      return FALSE;
    }
  if (edit->set_resolution_note && edit->resolution_note != NULL &&
      !xa_edit_note_is_valid (edit->resolution_note))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The resolution note (“resolution_note”) is longer than %d characters",
                   XA_EDIT_MAX_NOTE);
      return FALSE;
    }
  return TRUE;
}

gboolean
xa_elevator_edit_check (const XaElevatorEdit  *edit,
                        GError               **error)
{
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!edit->set_renewal_status && !edit->set_planned_year && !edit->set_funding_source &&
      edit->note == NULL)
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_NOTHING,
                   "The update changes nothing; set the renewal status, planned year, "
                   "funding source or a note");
      return FALSE;
    }
  if ((edit->set_renewal_status && (guint) edit->renewal_status > XA_RENEWAL_DONE) ||
      (edit->set_funding_source && edit->funding_source != XA_FUNDING_NONE &&
       (guint) edit->funding_source > XA_FUNDING_OTHER))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The renewal status or funding source is not one the list knows");
      return FALSE;
    }
  if (edit->set_planned_year && edit->planned_year != 0 &&
      !xa_planned_year_is_valid (edit->planned_year))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The planned year (“planned_year”) is %" G_GINT64_FORMAT "; it must lie "
                   "within %d … %d", edit->planned_year, XA_EDIT_MIN_PLANNED_YEAR,
                   XA_EDIT_MAX_PLANNED_YEAR);
      return FALSE;
    }
  if (edit->note != NULL && !xa_edit_note_is_valid (edit->note))
    {
      g_set_error (error, XA_RECORD_EDIT_ERROR, XA_RECORD_EDIT_ERROR_VALUE,
                   "The note (“note”) is longer than %d characters", XA_EDIT_MAX_NOTE);
      return FALSE;
    }
  return TRUE;
}

static char *
object_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
xa_problem_edit_to_json (const XaProblemEdit *edit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (edit != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, xa_problem_status_names[edit->status]);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, edit->note != NULL ? edit->note : "");
  if (edit->set_tier)
    {
      json_builder_set_member_name (builder, "tier");
      json_builder_add_string_value (builder, xa_problem_tier_names[edit->tier]);
    }
  if (edit->responsible_party != NULL)
    {
      json_builder_set_member_name (builder, "responsible_party");
      json_builder_add_string_value (builder, edit->responsible_party);
    }
  if (edit->deadline != 0)
    {
      g_autofree char *deadline = xa_calendar_format_time (edit->deadline);

      json_builder_set_member_name (builder, "deadline");
      json_builder_add_string_value (builder, deadline);
    }
  if (edit->set_resolution_note)
    {
      json_builder_set_member_name (builder, "resolution_note");
      if (edit->resolution_note != NULL)
        json_builder_add_string_value (builder, edit->resolution_note);
      else
        json_builder_add_null_value (builder);
    }
  return object_text (builder);
}

char *
xa_elevator_edit_to_json (const XaElevatorEdit *edit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (edit != NULL, NULL);

  json_builder_begin_object (builder);
  if (edit->set_renewal_status)
    {
      json_builder_set_member_name (builder, "renewal_status");
      json_builder_add_string_value (builder, xa_renewal_status_names[edit->renewal_status]);
    }
  if (edit->set_planned_year)
    {
      json_builder_set_member_name (builder, "planned_year");
      if (edit->planned_year != 0)
        json_builder_add_int_value (builder, edit->planned_year);
      else
        json_builder_add_null_value (builder);
    }
  if (edit->set_funding_source)
    {
      json_builder_set_member_name (builder, "funding_source");
      if (edit->funding_source != XA_FUNDING_NONE)
        json_builder_add_string_value (builder, xa_funding_source_names[edit->funding_source]);
      else
        json_builder_add_null_value (builder);
    }
  if (edit->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, edit->note);
    }
  return object_text (builder);
}

char *
xa_record_edit_body (const char *fields_json,
                     gint64      base_version)
{
  g_autoptr(JsonNode) fields = json_from_string (fields_json, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;

  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return NULL;
  json_object_set_int_member (body, "base_version", base_version);
  members = json_object_get_members (json_node_get_object (fields));
  for (GList *m = members; m != NULL; m = m->next)
    json_object_set_member (body, m->data,
                            json_object_dup_member (json_node_get_object (fields), m->data));
  root = json_node_init_object (json_node_alloc (), body);
  return json_to_string (root, FALSE);
}
