/* test-records.c — the parser holds every record of the feed to src/records-api.md: good
 * records parse, and each kind of bad input fails with a message naming record and field;
 * a page of the feed (xa-sync-page-private.h) refuses a cursor with a NUL in it. */
#include "config.h"

#include <string.h>

#include "xa-records.h"
#include "xa-sync-client.h"
#include "xa-sync-page-private.h"
#include "xa-test-util.h"
#include "xa-test-store.h"

static const char good_compound[] =
  "{\"seq\": 7, \"type\": \"compound\", \"id\": \"C0001\", \"version\": 2, \"deleted\": false,"
  " \"data\": {\"name\": \"沂河花园\", \"district\": \"371302\", \"subdistrict\": \"兰山街道\","
  " \"community\": \"沂河社区\", \"address\": \"兰山区通达路188号\","
  " \"lat\": 35.05, \"lon\": 118.35,"
  " \"boundary\": [[118.349, 35.049], [118.351, 35.049], [118.351, 35.051]],"
  " \"kind\": \"residential\", \"built_year\": 2004, \"buildings\": 12, \"households\": 860,"
  " \"property_company\": \"临沂安居物业\", \"owners_committee\": true,"
  " \"public_revenue_recorded\": true, \"special_account\": false, \"supervised_fen\": 1481250,"
  " \"future_field\": [1, 2]}}";

static XaChange *
parse_text (const char  *text,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;

  json_parser_load_from_data (parser, text, -1, &json_error);
  g_assert_no_error (json_error);
  return xa_test_change_parse (json_parser_get_root (parser), error);
}

/* @text is refused with @code and a message that holds @message_part. */
static void
assert_refused (const char *text,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) change = parse_text (text, &error);

  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (change);
  g_assert_error (error, XA_RECORD_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_compound_parses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) change = parse_text (good_compound, &error);
  XaCompound *compound;

  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpint (change->seq, ==, 7);
  g_assert_cmpint (change->type, ==, XA_RECORD_COMPOUND);
  g_assert_cmpstr (change->id, ==, "C0001");
  g_assert_cmpint (change->version, ==, 2);
  g_assert_false (change->deleted);
  compound = change->record;
  g_assert_cmpstr (compound->name, ==, "沂河花园");
  g_assert_cmpstr (compound->district, ==, "371302");
  g_assert_cmpfloat_with_epsilon (compound->lat, 35.05, 1e-9);
  g_assert_cmpuint (compound->n_boundary_points, ==, 3);
  g_assert_cmpfloat_with_epsilon (compound->boundary[1], 35.049, 1e-9);
  g_assert_cmpint (compound->kind, ==, XA_COMPOUND_RESIDENTIAL);
  g_assert_cmpint (compound->built_year, ==, 2004);
  g_assert_true (compound->owners_committee);
  g_assert_false (compound->special_account);
  g_assert_cmpint (compound->supervised_fen, ==, 1481250);
}

static void
test_tombstone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) change = parse_text (
    "{\"seq\": 9, \"type\": \"problem\", \"id\": \"PB1\", \"version\": 4, \"deleted\": true,"
    " \"data\": null}",
    &error);

  g_assert_no_error (error);
  g_assert_true (change->deleted);
  g_assert_null (change->record);
  g_assert_cmpint (change->type, ==, XA_RECORD_PROBLEM);
}

static void
test_problem_and_flood_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) problem = parse_text (
    "{\"seq\": 1, \"type\": \"problem\", \"id\": \"PB000001\", \"version\": 1, \"data\": {"
    "\"compound\": \"C0001\", \"category\": \"FLOOD-01\", \"source\": \"hotline_12345\","
    "\"ticket_no\": \"12345-2025-0001234\", \"title\": \"南门积水\","
    "\"reported_at\": \"2025-07-01T08:00:00+08:00\","
    "\"deadline\": \"2025-07-04T18:00:00+08:00\", \"status\": \"resolved\", \"tier\": \"on_site\","
    "\"responsible_party\": \"罗庄区住建局\", \"resolved_at\": \"2025-07-02T10:00:00+08:00\","
    "\"satisfaction\": 5}}", &error);
  g_autoptr(XaChange) flood = NULL;
  XaProblem *p;
  XaFloodCheck *f;

  g_assert_no_error (error);
  p = problem->record;
  g_assert_cmpint (p->reported_at, ==, 1751328000);   /* 2025-07-01 00:00 UTC */
  g_assert_cmpint (p->status, ==, XA_STATUS_RESOLVED);
  g_assert_cmpint (p->satisfaction, ==, 5);
  g_assert_null (p->description);

  flood = parse_text (
    "{\"seq\": 2, \"type\": \"flood_check\", \"id\": \"FC-2025-C0001\", \"version\": 1, \"data\": {"
    "\"compound\": \"C0001\", \"season\": 2025,"
    "\"supplies\": {\"in_place\": true, \"date\": \"2025-05-10\"},"
    "\"personnel\": {\"in_place\": true}, \"plan\": {\"in_place\": false, \"notes\": \"待修订\"},"
    "\"drill\": {\"in_place\": true, \"date\": \"2025-05-20\"}, \"drills_held\": 2, \"pumps\": 3,"
    "\"sandbags\": 200, \"low_lying_spots\": 1, \"problems_found\": 2, \"problems_fixed\": 2,"
    "\"inspected_at\": \"2025-05-21T09:30:00+08:00\", \"inspected_by\": \"王伟\"}}", &error);
  g_assert_no_error (error);
  f = flood->record;
  g_assert_true (f->items[XA_FLOOD_SUPPLIES].in_place);
  g_assert_false (f->items[XA_FLOOD_PLAN].in_place);
  g_assert_cmpstr (f->items[XA_FLOOD_PLAN].notes, ==, "待修订");
  g_assert_cmpstr (f->items[XA_FLOOD_DRILL].date, ==, "2025-05-20");
  g_assert_cmpint (f->sandbags, ==, 200);
}

/* Each bad input: a replacement applied to the good compound, the error code, and a piece
 * of the message that must appear (the record and the field). */
typedef struct
{
  const char *from;
  const char *to;
  int         code;
  const char *message_part;
} BadCase;

static void
test_bad_inputs (void)
{
  static const BadCase cases[] = {
    { "\"lat\": 35.05", "\"lat\": \"35.05\"",
      XA_RECORD_ERROR_WRONG_TYPE, "compound C0001: field “lat”" },
    { "\"lat\": 35.05", "\"lat\": 65.05", XA_RECORD_ERROR_BAD_VALUE, "outside China" },
    { "\"lon\": 118.35", "\"lon\": -118.35", XA_RECORD_ERROR_BAD_VALUE, "outside China" },
    { "\"name\": \"沂河花园\", ", "",
      XA_RECORD_ERROR_MISSING_FIELD, "compound C0001: field “name”: missing" },
    { "\"kind\": \"residential\"", "\"kind\": \"castle\"",
      XA_RECORD_ERROR_BAD_VALUE, "unknown value “castle”" },
    { "\"buildings\": 12", "\"buildings\": 12.5", XA_RECORD_ERROR_WRONG_TYPE, "field “buildings”" },
    { "\"buildings\": 12", "\"buildings\": -1", XA_RECORD_ERROR_BAD_VALUE, "field “buildings”" },
    { "\"owners_committee\": true", "\"owners_committee\": 1",
      XA_RECORD_ERROR_WRONG_TYPE, "true or false" },
    { "\"supervised_fen\": 1481250", "\"supervised_fen\": null",
      XA_RECORD_ERROR_MISSING_FIELD, "supervised_fen" },
    { "\"district\": \"371302\"", "\"district\": \"37 13\"",
      XA_RECORD_ERROR_BAD_VALUE, "not a valid id" },
    { "[118.351, 35.051]]", "[118.351]]", XA_RECORD_ERROR_WRONG_TYPE, "field “boundary”" },
    { "\"type\": \"compound\"", "\"type\": \"castle\"",
      XA_RECORD_ERROR_UNKNOWN_TYPE, "unknown record type" },
    { "\"id\": \"C0001\"", "\"id\": \"C 0001\"", XA_RECORD_ERROR_BAD_VALUE, "field “id”" },
    { "\"version\": 2", "\"version\": 0", XA_RECORD_ERROR_BAD_VALUE, "field “version”" },
    { "\"seq\": 7", "\"seq\": \"7\"", XA_RECORD_ERROR_WRONG_TYPE, "field “seq”" },
    { "\"data\": {", "\"data\": [{", XA_RECORD_ERROR_NOT_AN_OBJECT, "field “data”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (good_compound);

      if (g_str_equal (cases[i].from, "\"data\": {"))
        {
          /* Keep the JSON well formed: close the extra array at the end. */
          g_string_replace (text, cases[i].from, cases[i].to, 1);
          g_string_insert (text, text->len - 1, "]");
        }
      else
        g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);

      g_test_message ("case %u", i);
      assert_refused (text->str, cases[i].code, cases[i].message_part);
    }
}

static void
test_times_and_dates (void)
{
  gint64 t = 0;
  GDate date;

  g_assert_true (xa_parse_time ("2025-06-03T09:30:00+08:00", &t));
  g_assert_cmpint (t, ==, 1748914200);
  g_assert_true (xa_parse_time ("2025-06-03T01:30:00Z", &t));
  g_assert_cmpint (t, ==, 1748914200);
  g_assert_false (xa_parse_time ("2025-06-03T09:30:00", &t));     /* no offset */
  g_assert_false (xa_parse_time ("2025-13-03T09:30:00+08:00", &t));
  g_assert_false (xa_parse_time ("yesterday", &t));
  g_assert_true (xa_parse_date ("2024-02-29", &date));
  g_assert_false (xa_parse_date ("2025-02-29", &date));
  g_assert_false (xa_parse_date ("2025-2-28", &date));
  g_assert_false (xa_parse_date ("2025-02-28x", &date));
}

static const char elevator_change[] =
  "{\"seq\": 3, \"type\": \"elevator\", \"id\": \"EL7\", \"version\": 1, \"data\": {"
  "\"compound\": \"C0001\", \"building\": \"3号楼\", \"unit\": \"1单元\","
  "\"registration_code\": \"R7\", \"maker\": \"通力\", \"model\": \"K\","
  "\"commissioned\": \"2006-04-18\", \"faults_12m\": 2, \"entrapments_12m\": 0,"
  "\"assessment_grade\": \"B\", \"assessed_on\": \"%s\", \"renewal_status\": \"none\"}}";

/* An elevator's assessment has a date (optional): kept as it came, checked as every date. */
static void
test_elevator_assessed_on (void)
{
  g_autofree char *dated = g_strdup_printf (elevator_change, "2024-05-20");
  g_autofree char *bad = g_strdup_printf (elevator_change, "2024-02-30");
  g_autoptr(GString) undated = g_string_new (dated);
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) change = parse_text (dated, &error);
  XaElevator *elevator;

  g_assert_no_error (error);
  elevator = change->record;
  g_assert_cmpint (elevator->assessment_grade, ==, XA_GRADE_B);
  g_assert_cmpstr (elevator->assessed_on, ==, "2024-05-20");
  g_clear_pointer (&change, xa_change_free);

  g_string_replace (undated, "\"assessed_on\": \"2024-05-20\", ", "", 1);
  change = parse_text (undated->str, &error);
  g_assert_no_error (error);
  g_assert_null (((XaElevator *) change->record)->assessed_on);
  g_clear_pointer (&change, xa_change_free);

  change = parse_text (bad, &error);
  g_assert_null (change);
  g_assert_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, "elevator EL7: field “assessed_on”: “2024-02-30” is not a "
                                       "date (YYYY-MM-DD)");
}

/* Every record type has its autoptr cleanup: a record taken out of its change is freed by
 * its own type's free function, whatever it holds. */
static void
test_record_autoptr (void)
{
  g_autofree char *dated = g_strdup_printf (elevator_change, "2024-05-20");
  g_autoptr(XaChange) compound_change = parse_text (good_compound, NULL);
  g_autoptr(XaChange) dated_change = parse_text (dated, NULL);
  g_autoptr(XaDistrict) district = g_new0 (XaDistrict, 1);
  g_autoptr(XaCategory) category = g_new0 (XaCategory, 1);
  g_autoptr(XaCadre) cadre = g_new0 (XaCadre, 1);
  g_autoptr(XaFloodCheck) check = g_new0 (XaFloodCheck, 1);
  g_autoptr(XaCharging) charging = g_new0 (XaCharging, 1);
  g_autoptr(XaProblem) problem = g_new0 (XaProblem, 1);
  g_autoptr(XaCompound) compound = g_steal_pointer (&compound_change->record);
  g_autoptr(XaElevator) elevator = g_steal_pointer (&dated_change->record);

  district->name = g_strdup ("兰山区");
  category->name_zh = g_strdup ("防汛");
  cadre->compounds = g_strsplit ("C1 C2", " ", -1);
  check->items[XA_FLOOD_DRILL].notes = g_strdup ("演练");
  charging->compound = g_strdup ("C1");
  problem->resolution_note = g_strdup ("已修复");
  g_assert_nonnull (compound->boundary);
  g_assert_cmpstr (elevator->assessed_on, ==, "2024-05-20");
}

static void
test_problem_rules (void)
{
  assert_refused (
    "{\"seq\": 1, \"type\": \"problem\", \"id\": \"PB2\", \"version\": 1, \"data\": {"
    "\"compound\": \"C0001\", \"category\": \"FLOOD-01\", \"source\": \"owner\","
    "\"title\": \"x\", \"reported_at\": \"2025-07-01T08:00:00+08:00\","
    "\"deadline\": \"2025-07-04T18:00:00+08:00\", \"status\": \"closed\", \"tier\": \"city\","
    "\"responsible_party\": \"市住建局\"}}",
    XA_RECORD_ERROR_MISSING_FIELD, "problem PB2: field “resolved_at”");
}

static void
test_charging_rules (void)
{
  assert_refused (
    "{\"seq\": 1, \"type\": \"charging\", \"id\": \"CH-1\", \"version\": 1, \"data\": {"
    "\"compound\": \"C0001\", \"registered_ebikes\": 10, \"ports\": 5, \"smart_ports\": 6,"
    "\"sheds\": 1, \"outside_sites\": 0}}",
    XA_RECORD_ERROR_BAD_VALUE, "smart_ports");
}

/* Through the feed's own reader: json-glib would already cut the text at a \u0000. */
static XaChange *
parse_feed_text (const char  *text,
                 GError     **error)
{
  g_autoptr(GError) json_error = NULL;
  g_autoptr(XaJsonDocument) document = xa_json_document_new (text, -1, &json_error);

  g_assert_no_error (json_error);
  return xa_change_from_json (xa_json_document_get_root (document), error);
}

#define CADRE(compounds) \
  "{\"seq\": 1, \"type\": \"cadre\", \"id\": \"CD-1\", \"version\": 1, \"data\": {" \
  "\"name\": \"王五\", \"unit\": \"兰山街道\", \"phone\": \"13800000000\"," \
  "\"compounds\": [" compounds "]}}"

/* A cadre's compound ids are strings too: "c1\u0000…" is refused, not stored as "c1". */
static void
test_cadre_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaChange) good = parse_feed_text (CADRE ("\"C1\", \"C2\""), &error);
  g_autoptr(XaChange) bad = NULL;
  XaCadre *cadre;

  g_assert_no_error (error);
  cadre = good->record;
  g_assert_cmpstr (cadre->compounds[1], ==, "C2");

  bad = parse_feed_text (CADRE ("\"C1\", \"C2\\u0000; DROP\""), &error);
  g_assert_null (bad);
  g_assert_error (error, XA_RECORD_ERROR, XA_RECORD_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "cadre CD-1: field “compounds”"));
  g_assert_nonnull (strstr (error->message, "element 1 contains a NUL character"));
}

#define PAGE(cursor) "{\"cursor\": \"" cursor "\", \"more\": false, \"changes\": []}"

/* A cursor cut short at a \u0000 would ask for the wrong next page: the page is refused. */
static void
test_page_cursor_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XaSyncPage) good = NULL;
  g_autoptr(XaSyncPage) bad = NULL;
  char *text;

  text = g_strdup (PAGE ("c7"));
  good = _xa_sync_page_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (good->cursor, ==, "c7");

  text = g_strdup (PAGE ("c7\\u0000x"));
  bad = _xa_sync_page_parse (text, strlen (text), &error);
  g_assert_null (bad);
  g_assert_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "“cursor” contains a NUL character"));
}

int
main (int   argc,
      char *argv[])
{
  xa_test_init (&argc, &argv);

  g_test_add_func ("/records/compound", test_compound_parses);
  g_test_add_func ("/records/tombstone", test_tombstone);
  g_test_add_func ("/records/problem-and-flood-check", test_problem_and_flood_check);
  g_test_add_func ("/records/bad-inputs", test_bad_inputs);
  g_test_add_func ("/records/times-and-dates", test_times_and_dates);
  g_test_add_func ("/records/problem-rules", test_problem_rules);
  g_test_add_func ("/records/elevator-assessed-on", test_elevator_assessed_on);
  g_test_add_func ("/records/record-autoptr", test_record_autoptr);
  g_test_add_func ("/records/charging-rules", test_charging_rules);
  g_test_add_func ("/records/cadre-nul", test_cadre_nul);
  g_test_add_func ("/records/page-cursor-nul", test_page_cursor_nul);

  return g_test_run ();
}
