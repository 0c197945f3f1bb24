/* test-export.c — `xiaoqu-atlas --export` on the demo city synced from a real xiaoqu-server,
 * run without DISPLAY or WAYLAND_DISPLAY as a scheduled job runs it. What it writes is read
 * back with real readers, Python's csv module and openpyxl (/usr/bin/python3: a python3
 * earlier on PATH may not have openpyxl), and held to the store: one row a record, known
 * records' values, typed cells, the header's looks; a PDF read with pdftotext; and each
 * failure exits non-zero with a message and leaves an existing output file as it was. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <utime.h>

#include "xa-calendar.h"
#include "xa-elevator-priority.h"
#include "xa-store.h"
#include "xa-store-queries.h"
#include "xa-test-util.h"

/* A problem the demo does not have, with every character CSV must quote. */
#define TRICKY_PROBLEM_ID "PB-EXPORT"
#define TRICKY_TICKET "12345-2025-EXPORT"
#define TRICKY_TITLE "楼顶漏水, \"急\"\n第二行"
/* Hotline text that Excel would run as a formula from a CSV file. */
#define TRICKY_PARTY "=HYPERLINK(\"http://example.com\")"
#define TRICKY_PROBLEM_JSON \
  "{\"compound\":\"C0001\",\"category\":\"SVC-01\",\"source\":\"hotline_12345\"," \
  "\"ticket_no\":\"" TRICKY_TICKET "\",\"title\":\"楼顶漏水, \\\"急\\\"\\n第二行\"," \
  "\"reported_at\":\"2025-09-10T08:30:00+08:00\",\"deadline\":\"2025-09-20T08:30:00+08:00\"," \
  "\"status\":\"open\",\"tier\":\"on_site\"," \
  "\"responsible_party\":\"=HYPERLINK(\\\"http://example.com\\\")\"}"

/* A small county, so the workbooks read back quickly. */
#define DISTRICT "371329"

/* Reads an export back and prints what the test asks as JSON: argv is the format, the
 * file, a key column, the key of the row to return whole, and for a workbook whether to
 * read its looks too (header font, frozen panes, filter, widths): openpyxl reads those only
 * in its full mode, twice as slow as the read-only one on the large tables. */
static const char reader_script[] =
  "import csv, io, json, sys\n"
  "mode, path, key_column, key = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]\n"
  "looks = sys.argv[5] == 'looks'\n"
  "out = {}\n"
  "if mode == 'csv':\n"
  "    raw = open(path, 'rb').read()\n"
  "    out['bom'] = raw.startswith(b'\\xef\\xbb\\xbf')\n"
  "    text = raw[3:].decode('utf-8') if out['bom'] else raw.decode('utf-8')\n"
  "    out['crlf'] = text.endswith('\\r\\n') and '\\n' not in text.split('\\r\\n')[0]\n"
  "    rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))\n"
  "    header, data = rows[0], rows[1:]\n"
  "    out['header'] = header\n"
  "    out['rows'] = len(data)\n"
  "    out['ragged'] = sum(1 for r in data if len(r) != len(header))\n"
  "    match = [r for r in data if r[key_column] == key]\n"
  "    out['matches'] = len(match)\n"
  "    out['row'] = [{'t': 'text', 'v': v} for v in match[0]] if match else []\n"
  "else:\n"
  "    import openpyxl\n"
  "    from openpyxl.utils import get_column_letter\n"
  "    ws = openpyxl.load_workbook(path, read_only=not looks).active\n"
  "    rows = list(ws.iter_rows())\n"
  "    header, data = rows[0], rows[1:]\n"
  "    def cell(c):\n"
  "        if c.value is None:\n"
  "            return {'t': 'empty', 'v': ''}\n"
  "        if c.is_date:\n"
  "            return {'t': 'date', 'v': c.value.strftime('%Y-%m-%d %H:%M')}\n"
  "        if isinstance(c.value, (int, float)):\n"
  "            return {'t': 'number', 'v': str(int(c.value)) if c.value == int(c.value)\n"
  "                    else str(c.value)}\n"
  "        return {'t': 'text', 'v': str(c.value)}\n"
  "    out['header'] = [c.value for c in header]\n"
  "    out['rows'] = len(data)\n"
  "    out['ragged'] = sum(1 for r in data if len(r) != len(header))\n"
  "    if looks:\n"
  "        out['bold'] = all(c.font.b for c in header)\n"
  "        out['freeze'] = ws.freeze_panes\n"
  "        out['filter'] = ws.auto_filter.ref\n"
  "        out['widths'] = [ws.column_dimensions[get_column_letter(i + 1)].width or 0\n"
  "                         for i in range(len(header))]\n"
  "        out['print'] = [ws.page_setup.orientation, ws.print_title_rows,\n"
  "                        bool(ws.sheet_properties.pageSetUpPr.fitToPage),\n"
  "                        ws.page_setup.fitToHeight, ws.oddHeader.left.text,\n"
  "                        ws.oddHeader.right.text, ws.oddFooter.center.text]\n"
  "    out['types'] = [' '.join(sorted({cell(r[i])['t'] for r in data} - {'empty'}))\n"
  "                    for i in range(len(header))]\n"
  "    match = [r for r in data if r[key_column].value == key]\n"
  "    out['matches'] = len(match)\n"
  "    out['row'] = [cell(c) for c in match[0]] if match else []\n"
  "print(json.dumps(out))\n";

/* How a workbook prints: landscape, one page wide, the titles on each page, what it is
 * and of when at the top, page numbers at the foot. */
static void
assert_prints_like_pdf (JsonObject *root,
                        const char *district_name)
{
  JsonArray *print = json_object_get_array_member (root, "print");

  g_assert_cmpstr (json_array_get_string_element (print, 0), ==, "landscape");
  g_assert_cmpstr (json_array_get_string_element (print, 1), ==, "$1:$1");
  g_assert_true (json_array_get_boolean_element (print, 2));
  g_assert_cmpint (json_array_get_int_element (print, 3), ==, 0);
  g_assert_nonnull (strstr (json_array_get_string_element (print, 4), district_name));
  g_assert_true (g_str_has_prefix (json_array_get_string_element (print, 5), "Figures as of "));
  g_assert_cmpstr (json_array_get_string_element (print, 6), ==, "Page &P of &N");
}

static char *store_path;

/* The demo city plus the tricky problem, synced once for the whole program. */
static const char *
get_store (void)
{
  XaTestServer *server;

  if (store_path != NULL)
    return store_path;

  server = xa_test_demo_server_start ();
  xa_test_server_put (server->db_path, "problem", TRICKY_PROBLEM_ID, TRICKY_PROBLEM_JSON);
  store_path = xa_test_path ("store.db");
  xa_test_sync_only_ok (server, store_path);
  xa_test_server_stop (server, FALSE);
  xa_test_server_free (server);
  return store_path;
}

/* What the reader script found in one export. */
typedef struct
{
  JsonParser *parser;
  JsonObject *root;
} Readback;

static void
readback_clear (Readback *readback)
{
  g_clear_object (&readback->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Readback, readback_clear)

static void
read_back (const char *format,
           const char *path,
           guint       key_column,
           const char *key,
           gboolean    looks,
           Readback   *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *column = g_strdup_printf ("%u", key_column);
  g_autoptr(GSubprocess) python = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, "/usr/bin/python3", "-c", reader_script, format, path,
                             column, key, looks ? "looks" : "data", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (python, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (python))
    g_error ("reading %s back failed: %s", path, stderr_text);

  out->parser = json_parser_new ();
  json_parser_load_from_data (out->parser, stdout_text, -1, &error);
  g_assert_no_error (error);
  out->root = json_node_get_object (json_parser_get_root (out->parser));
}

static gint64
readback_int (Readback   *readback,
              const char *member)
{
  return json_object_get_int_member (readback->root, member);
}

/* The cell of the key row in @column: its value, and its type in @out_type. */
static const char *
readback_cell (Readback    *readback,
               guint        column,
               const char **out_type)
{
  JsonArray *row = json_object_get_array_member (readback->root, "row");
  JsonObject *cell;

  g_assert_cmpuint (column, <, json_array_get_length (row));
  cell = json_array_get_object_element (row, column);
  if (out_type != NULL)
    *out_type = json_object_get_string_member (cell, "t");
  return json_object_get_string_member (cell, "v");
}

static const char *
readback_header (Readback *readback,
                 guint     column)
{
  return json_array_get_string_element (json_object_get_array_member (readback->root,
                                                                      "header"), column);
}

/* Runs the export, asserts it succeeded with a summary naming the rows. */
static char *
export_ok (const char *table,
           const char *format,
           const char *district)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", table, format);
  g_autofree char *dir = xa_test_path (table);
  char *output = g_build_filename (dir, name, NULL);
  XaTestRun run;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  run = xa_test_run_app ((const char * const[]) { "--store", get_store (), "--export", table,
                                                  "--output", output,
                                                  district != NULL ? "--district" : NULL,
                                                  district, NULL });
  if (run.status != 0)
    g_error ("export of %s failed (%d): %s", table, run.status, run.err);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Exported "));
  g_assert_nonnull (strstr (run.out, output));
  xa_test_run_clear (&run);
  return output;
}

/* Asserts the key row's cell @column holds @expected, typed @xlsx_type in a workbook (a CSV
 * has only text). */
static void
assert_cell (Readback   *readback,
             gboolean    xlsx,
             guint       column,
             const char *xlsx_type,
             const char *expected)
{
  const char *type = NULL;
  const char *value = readback_cell (readback, column, &type);

  g_assert_cmpstr (value, ==, expected);
  if (xlsx)
    g_assert_cmpstr (type, ==, xlsx_type);
}

/* Every column of a workbook holds one type of cell only. */
static void
assert_column_types (Readback           *readback,
                     const char * const *types)
{
  JsonArray *found = json_object_get_array_member (readback->root, "types");

  g_assert_cmpuint (json_array_get_length (found), ==, g_strv_length ((char **) types));
  for (guint i = 0; types[i] != NULL; i++)
    if (g_strcmp0 (json_array_get_string_element (found, i), types[i]) != 0)
      g_error ("column %u (%s) holds %s cells, expected %s", i,
               readback_header (readback, i), json_array_get_string_element (found, i),
               types[i]);
}

static void
assert_table (Readback *readback,
              gboolean  xlsx,
              guint     n_columns,
              gint64    n_rows)
{
  g_assert_cmpint (readback_int (readback, "rows"), ==, n_rows);
  g_assert_cmpint (readback_int (readback, "ragged"), ==, 0);
  g_assert_cmpint (readback_int (readback, "matches"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (readback->root,
                                                                         "header")),
                    ==, n_columns);
  if (xlsx && json_object_has_member (readback->root, "bold"))
    {
      g_autofree char *filter = g_strdup_printf ("A1:%c%" G_GINT64_FORMAT,
                                                 'A' + n_columns - 1, n_rows + 1);

      g_assert_true (json_object_get_boolean_member (readback->root, "bold"));
      g_assert_cmpstr (json_object_get_string_member (readback->root, "freeze"), ==, "A2");
      g_assert_cmpstr (json_object_get_string_member (readback->root, "filter"), ==, filter);
    }
  else if (!xlsx)
    {
      g_assert_true (json_object_get_boolean_member (readback->root, "bom"));
      g_assert_true (json_object_get_boolean_member (readback->root, "crlf"));
    }
}

static double
readback_width (Readback *readback,
                guint     column)
{
  return json_array_get_double_element (json_object_get_array_member (readback->root,
                                                                      "widths"), column);
}

static void
check_compounds (gconstpointer data)
{
  const char *format = data;
  gboolean xlsx = g_str_equal (format, "xlsx");
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(XaCompound) compound = xa_store_get_compound (store, "C0001");
  g_autoptr(XaDistrict) district = xa_store_get_district (store, compound->district, NULL);
  g_autofree char *output = export_ok ("compounds", format, NULL);
  g_autofree char *households = g_strdup_printf ("%d", compound->households);
  g_autofree char *built = g_strdup_printf ("%d", compound->built_year);
  g_autoptr(GError) error = NULL;
  g_autofree char *open_sql = NULL;
  g_autofree char *open_count = NULL;
  g_auto(Readback) readback = { 0 };
  const char * const types[] = { "text", "text", "text", "text", "text", "number", "number",
                                 "number", "text", "number", "number", "number", NULL };

  read_back (format, output, 0, "C0001", xlsx, &readback);
  assert_table (&readback, xlsx, 12, xa_store_count (store, XA_RECORD_COMPOUND));
  g_assert_cmpstr (readback_header (&readback, 0), ==, "ID");
  assert_cell (&readback, xlsx, 1, "text", compound->name);
  assert_cell (&readback, xlsx, 2, "text", district->name);
  assert_cell (&readback, xlsx, 5, "number", households);
  assert_cell (&readback, xlsx, 7, "number", built);
  /* The tricky problem is open, on C0001. */
  open_sql = g_strdup ("SELECT count(*) FROM problem WHERE compound = 'C0001' "
                       "AND status IN ('open', 'in_progress')");
  open_count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                xa_store_query_int (store, open_sql, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (open_count, !=, "0");
  assert_cell (&readback, xlsx, 9, "number", open_count);
  if (xlsx)
    {
      assert_column_types (&readback, types);
      /* Chinese names count double: the name column is wider than twice the longest
       * Chinese name it holds is long in characters, at least this one's. */
      g_assert_cmpfloat (readback_width (&readback, 1), >=,
                         2.0 * g_utf8_strlen (compound->name, -1));
      g_assert_cmpfloat (readback_width (&readback, 1), >, readback_width (&readback, 0));
    }
}

/* The first elevator in id order, as the store has it, with its priority score and reasons
 * at the default weights (the tests' settings are the defaults). */
typedef struct
{
  XaElevator elevator;
  char      *score;
  char      *reasons;
} FirstElevator;

static void
take_first (gconstpointer record,
            gpointer      user_data)
{
  const XaElevator *elevator = record;
  FirstElevator *found = user_data;
  XaElevator *first = &found->elevator;
  XaPriorityParams params = xa_priority_params_default ();
  XaPriority priority;

  if (first->id != NULL)
    return;
  xa_elevator_priority (elevator, g_get_real_time () / G_USEC_PER_SEC, &params, &priority);
  found->score = g_strdup_printf ("%d", priority.score);
  found->reasons = xa_elevator_priority_explain (&priority);
  first->id = g_strdup (elevator->id);
  first->compound = g_strdup (elevator->compound);
  first->registration_code = g_strdup (elevator->registration_code);
  first->commissioned = g_strdup (elevator->commissioned);
  first->faults_12m = elevator->faults_12m;
}

static void
check_elevators (gconstpointer data)
{
  const char *format = data;
  gboolean xlsx = g_str_equal (format, "xlsx");
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  FirstElevator found = { 0 };
  XaElevator first;
  g_autoptr(XaCompound) compound = NULL;
  g_autofree char *output = export_ok ("elevators", format, NULL);
  g_autofree char *faults = NULL;
  g_autofree char *commissioned = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Readback) readback = { 0 };
  const char * const types[] = { "text", "text", "text", "text", "text", "text", "text",
                                 "date", "number", "date", "text", "number", "number", "text",
                                 "date", "text", "number", "text", "number", "text", NULL };

  g_assert_true (xa_store_foreach (store, XA_RECORD_ELEVATOR, take_first, &found, &error));
  g_assert_no_error (error);
  first = found.elevator;
  compound = xa_store_get_compound (store, first.compound);
  faults = g_strdup_printf ("%d", first.faults_12m);
  commissioned = xlsx ? g_strdup_printf ("%s 00:00", first.commissioned)
                      : g_strdup (first.commissioned);

  read_back (format, output, 4, first.registration_code, FALSE, &readback);
  assert_table (&readback, xlsx, 20, xa_store_count (store, XA_RECORD_ELEVATOR));
  assert_cell (&readback, xlsx, 0, "text", compound->name);
  assert_cell (&readback, xlsx, 7, "date", commissioned);
  assert_cell (&readback, xlsx, 11, "number", faults);
  /* The priority as the Elevators page shows it, and why. */
  g_assert_cmpstr (readback_header (&readback, 18), ==, "Priority");
  g_assert_cmpstr (readback_header (&readback, 19), ==, "Priority reasons");
  assert_cell (&readback, xlsx, 18, "number", found.score);
  assert_cell (&readback, xlsx, 19, "text", found.reasons);
  if (xlsx)
    assert_column_types (&readback, types);

  g_free (first.id);
  g_free (first.compound);
  g_free (first.registration_code);
  g_free (first.commissioned);
  g_free (found.score);
  g_free (found.reasons);
}

static void
check_problems (gconstpointer data)
{
  const char *format = data;
  gboolean xlsx = g_str_equal (format, "xlsx");
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(XaCompound) compound = xa_store_get_compound (store, "C0001");
  g_autofree char *output = export_ok ("problems", format, NULL);
  g_auto(Readback) readback = { 0 };
  const char * const types[] = { "text", "text", "text", "text", "text", "text", "text",
                                 "text", "text", "date", "date", "number", "text", NULL };

  read_back (format, output, 0, TRICKY_TICKET, FALSE, &readback);
  assert_table (&readback, xlsx, 13, xa_store_count (store, XA_RECORD_PROBLEM));
  /* Comma, quotes and a line break survive the quoting whole. */
  assert_cell (&readback, xlsx, 1, "text", TRICKY_TITLE);
  assert_cell (&readback, xlsx, 2, "text", "Open");
  assert_cell (&readback, xlsx, 6, "text", compound->name);
  /* A formula in a CSV file is text with an apostrophe; a workbook's texts are strings. */
  assert_cell (&readback, xlsx, 8, "text", xlsx ? TRICKY_PARTY : "'" TRICKY_PARTY);
  assert_cell (&readback, xlsx, 9, "date", "2025-09-10 08:30");
  assert_cell (&readback, xlsx, 10, "date", "2025-09-20 08:30");
  if (xlsx)
    assert_column_types (&readback, types);
}

/* Each table of one district: exactly that district's records, each row naming it. */
static void
test_district (void)
{
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(XaDistrict) district = xa_store_get_district (store, DISTRICT, NULL);
  const struct
  {
    const char *table;
    guint       district_column;
    guint       n_columns;
    const char *sql;
  } tables[] = {
    { "compounds", 2, 12, "SELECT count(*) FROM compound WHERE district = '" DISTRICT "'" },
    { "elevators", 1, 20,
      "SELECT count(*) FROM elevator e JOIN compound c ON c.id = e.compound "
      "WHERE c.district = '" DISTRICT "'" },
    { "problems", 7, 13,
      "SELECT count(*) FROM problem p JOIN compound c ON c.id = p.compound "
      "WHERE c.district = '" DISTRICT "'" },
  };

  g_assert_nonnull (district);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    for (guint xlsx = 0; xlsx <= 1; xlsx++)
      {
        g_autofree char *output = export_ok (tables[i].table, xlsx ? "xlsx" : "csv", DISTRICT);
        g_autoptr(GError) error = NULL;
        gint64 expected = xa_store_query_int (store, tables[i].sql, &error);
        g_auto(Readback) readback = { 0 };

        g_assert_no_error (error);
        /* Some rows, and fewer than all: the filter did something. */
        g_assert_cmpint (expected, >, 0);
        g_assert_cmpint (expected, <, xa_store_count (store, i == 0 ? XA_RECORD_COMPOUND
                                                             : i == 1 ? XA_RECORD_ELEVATOR
                                                             : XA_RECORD_PROBLEM));
        read_back (xlsx ? "xlsx" : "csv", output, tables[i].district_column, district->name,
                   xlsx, &readback);
        g_assert_cmpint (readback_int (&readback, "rows"), ==, expected);
        g_assert_cmpint (readback_int (&readback, "matches"), ==, expected);
        if (xlsx)
          {
            g_autofree char *filter = g_strdup_printf ("A1:%c%" G_GINT64_FORMAT,
                                                       'A' + (int) tables[i].n_columns - 1,
                                                       expected + 1);

            /* The header's looks on every table. */
            g_assert_true (json_object_get_boolean_member (readback.root, "bold"));
            g_assert_cmpstr (json_object_get_string_member (readback.root, "freeze"), ==,
                             "A2");
            g_assert_cmpstr (json_object_get_string_member (readback.root, "filter"), ==,
                             filter);
            assert_prints_like_pdf (readback.root, district->name);
          }
      }
}

/* The text of each page of the PDF at @path, by pdftotext. */
static char **
pdf_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) pdftotext = NULL;
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;
  char **pages;
  guint n;

  pdftotext = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                &error, "pdftotext", "-enc", "UTF-8", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (pdftotext, NULL, NULL, &text, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (pdftotext))
    g_error ("pdftotext %s failed: %s", path, errors);
  /* Each page ends in a form feed. */
  pages = g_strsplit (text, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_clear_pointer (&pages[n - 1], g_free);
  return pages;
}

/* Occurrences of @needle in @haystack. */
static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A table on pages: the title, the filter and the count on each, the header row repeated,
 * the page numbers, and a row for each record of the district. */
static void
test_pdf (void)
{
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(XaDistrict) district = xa_store_get_district (store, DISTRICT, NULL);
  g_autofree char *output = export_ok ("problems", "pdf", DISTRICT);
  g_auto(GStrv) pages = pdf_pages (output);
  g_autoptr(GError) error = NULL;
  gint64 n_rows = xa_store_query_int (store, "SELECT count(*) FROM problem p JOIN compound c "
                                      "ON c.id = p.compound WHERE c.district = '" DISTRICT "'",
                                      &error);
  g_autofree char *subtitle = NULL;
  guint n_pages = g_strv_length (pages);
  guint n_district_cells = 0;

  g_autofree char *server = xa_store_dup_server (store);
  g_autofree char *synced = xa_calendar_format (xa_store_get_last_sync (store, server),
                                                "%Y-%m-%d %H:%M");

  g_assert_no_error (error);
  /* The records as of their last sync (China Standard Time), then the day of the export. */
  subtitle = g_strdup_printf ("%s (%s) · %" G_GINT64_FORMAT " records · figures as of %s · made ",
                              district->name, DISTRICT, n_rows, synced);
  /* Hundreds of rows: several pages. */
  g_assert_cmpuint (n_pages, >, 3);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *page_number = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      if (!g_str_has_prefix (pages[i], "Problems\n"))
        g_error ("page %u does not begin with the title: %.80s", i + 1, pages[i]);
      g_assert_nonnull (strstr (pages[i], subtitle));
      g_assert_nonnull (strstr (pages[i], "Ticket no."));
      g_assert_nonnull (strstr (pages[i], "Responsible"));
      g_assert_nonnull (strstr (pages[i], page_number));
      /* Once in the subtitle, then in the district column of each row. */
      n_district_cells += count_occurrences (pages[i], district->name) - 1;
    }
  g_assert_cmpuint (n_district_cells, >=, n_rows);
  g_assert_cmpuint (n_district_cells, <, 2 * n_rows);
}

/* ---- The Dashboard's report ---- */

/* The count @sql answers in the test's store, written as the report writes counts. */
static char *
store_count (const char *sql)
{
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(GError) error = NULL;
  gint64 n = xa_store_query_int (store, sql, &error);

  g_assert_no_error (error);
  return xa_test_group_thousands ((guint64) n);
}

static void
assert_page_has (const char *page,
                 const char *text)
{
  if (strstr (page, text) == NULL)
    g_error ("the page does not say “%s”:\n%s", text, page);
}

/* The report as a Chinese user's scheduled job writes it: seven pages, one a section, its
 * titles in Chinese, "数据截至" the last sync on each, its figures those of the store, every
 * page rendered by pdftoppm. */
static void
test_dashboard_pdf (void)
{
  g_autofree char *dir = xa_test_path ("dashboard");
  g_autofree char *output = g_build_filename (dir, "dashboard.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *compounds = store_count ("SELECT count(*) FROM compound");
  g_autofree char *accounts = store_count ("SELECT count(*) FROM compound WHERE special_account");
  g_autofree char *problems = store_count ("SELECT count(*) FROM problem");
  g_autofree char *open = store_count ("SELECT count(*) FROM problem "
                                       "WHERE status IN ('open', 'in_progress')");
  g_autofree char *lifts = store_count ("SELECT count(*) FROM elevator");
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  gint64 fen = xa_store_query_int (store, "SELECT sum(supervised_fen) FROM compound", NULL);
  g_autofree char *yuan = xa_test_group_thousands ((guint64) fen / 100);
  g_autofree char *supervised = g_strdup_printf ("%s.%02d 元", yuan, (int) (fen % 100));
  g_autoptr(GSubprocess) pdftoppm = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  XaTestRun run;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run = xa_test_run_app_in_locale ("zh_CN.UTF-8",
                                   (const char * const[]) { "--store", get_store (), "--export",
                                                            "dashboard", "--output", output,
                                                            NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "已将仪表板导出到"));
  xa_test_run_clear (&run);

  pages = pdf_pages (output);
  g_assert_cmpuint (g_strv_length (pages), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *page_number = g_strdup_printf ("第 %u 页，共 7 页", i + 1);

      if (!g_str_has_prefix (pages[i], "仪表板 · 全市\n"))
        g_error ("page %u does not begin with the title: %.80s", i + 1, pages[i]);
      assert_page_has (pages[i], "数据截至 ");
      assert_page_has (pages[i], page_number);
    }
  assert_page_has (pages[0], "小区与公共收益");
  assert_page_has (pages[0], compounds);
  assert_page_has (pages[0], accounts);
  assert_page_has (pages[0], supervised);
  assert_page_has (pages[1], "问题诉求");
  assert_page_has (pages[1], problems);
  assert_page_has (pages[1], open);
  assert_page_has (pages[5], lifts);
  assert_page_has (pages[6], "各区县对比");
  assert_page_has (pages[6], "兰山区");
  assert_page_has (pages[6], "临沭县");

  /* Every page renders. */
  pdftoppm = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, "pdftoppm", "-r", "30",
                               "-png", output, prefix, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (pdftoppm, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *png = g_strdup_printf ("%s-%u.png", prefix, i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
    }
}

/* One district's report, and the image for slides: a PNG of the documented size. */
static void
test_dashboard_district_png (void)
{
  g_autofree char *dir = xa_test_path ("dashboard-district");
  g_autofree char *pdf = g_build_filename (dir, "luozhuang.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "slide.PNG", NULL);
  g_autofree char *compounds = store_count ("SELECT count(*) FROM compound "
                                            "WHERE district = '" DISTRICT "'");
  g_autoptr(XaStore) store = xa_store_open (get_store (), NULL);
  g_autoptr(XaDistrict) district = xa_store_get_district (store, DISTRICT, NULL);
  g_autofree char *title = g_strdup_printf ("Dashboard · %s\n", district->name);
  g_autofree char *contents = NULL;
  g_auto(GStrv) pages = NULL;
  gsize length = 0;
  XaTestRun run;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run = xa_test_run_app ((const char * const[]) { "--store", get_store (), "--export",
                                                  "dashboard", "--output", pdf, "--district",
                                                  DISTRICT, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Exported the dashboard to "));
  xa_test_run_clear (&run);
  pages = pdf_pages (pdf);
  g_assert_true (g_str_has_prefix (pages[0], title));
  assert_page_has (pages[0], "Compounds and Public Revenue");
  assert_page_has (pages[0], compounds);

  run = xa_test_run_app ((const char * const[]) { "--store", get_store (), "--export",
                                                  "dashboard", "--output", png, NULL });
  g_assert_cmpint (run.status, ==, 0);
  xa_test_run_clear (&run);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 16, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  /* Width and height, big-endian, in the header chunk: 1920 × 1080 as the help says. */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 16)), ==, 1920);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 20)), ==, 1080);
}

static void
assert_fails (const char * const *args,
              int                 status,
              const char         *message_part)
{
  g_autofree char *dir = xa_test_path ("failures");
  g_autofree char *precious = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  XaTestRun run;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (precious, "last week's report\r\n", -1, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_str_equal (args[i], "@OUTPUT") ? precious : (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  run = xa_test_run_app ((const char * const *) argv->pdata);
  g_assert_cmpint (run.status, ==, status);
  g_assert_cmpstr (run.out, ==, "");
  if (strstr (run.err, message_part) == NULL)
    g_error ("the message “%s” does not say “%s”", run.err, message_part);
  xa_test_run_clear (&run);

  /* The output is as it was, and nothing was left beside it. */
  g_assert_true (g_file_get_contents (precious, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's report\r\n");
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_failures (void)
{
  const char *store = get_store ();
  g_autofree char *missing_store = xa_test_path ("missing.db");
  g_autofree char *empty_store = xa_test_path ("empty.db");
  g_autofree char *no_folder = xa_test_path ("no-such-folder");
  g_autofree char *unwritable = g_build_filename (no_folder, "report.csv", NULL);
  g_autofree char *dashboard_unwritable = g_build_filename (no_folder, "report.pdf", NULL);
  g_autoptr(XaStore) empty = xa_store_open (empty_store, NULL);

  g_assert_nonnull (empty);
  g_clear_object (&empty);

  assert_fails ((const char * const[]) { "--store", store, "--export", "lifts", "--output",
                                         "@OUTPUT", NULL },
                2, "compounds, elevators, problems");
  assert_fails ((const char * const[]) { "--store", store, "--export", "compounds",
                                         "--output", "@OUTPUT", "--district", "999999", NULL },
                3, "999999");
  assert_fails ((const char * const[]) { "--store", empty_store, "--export", "compounds",
                                         "--output", "@OUTPUT", NULL },
                3, "sync");
  assert_fails ((const char * const[]) { "--store", missing_store, "--export", "compounds",
                                         "--output", "@OUTPUT", NULL },
                3, "sync");
  assert_fails ((const char * const[]) { "--store", store, "--export", "compounds",
                                         "--output", unwritable, NULL },
                3, unwritable);
  assert_fails ((const char * const[]) { "--store", store, "--export", "compounds",
                                         "--output", "report.ods", NULL },
                2, ".csv, .xlsx or .pdf");
  assert_fails ((const char * const[]) { "--store", store, "--export", "compounds", NULL },
                2, "--output");
  assert_fails ((const char * const[]) { "--store", store, "--output", "@OUTPUT", NULL },
                2, "--export");
  assert_fails ((const char * const[]) { "--store", store, "--export", "dashboard",
                                         "--output", "@OUTPUT", NULL },
                2, ".pdf (a report) or .png");
  assert_fails ((const char * const[]) { "--store", store, "--export", "dashboard",
                                         "--output", dashboard_unwritable, NULL },
                3, dashboard_unwritable);
  assert_fails ((const char * const[]) { "--store", missing_store, "--export", "dashboard",
                                         "--output", dashboard_unwritable, NULL },
                3, "sync");
  /* A missing store is not created by asking for an export. */
  g_assert_false (g_file_test (missing_store, G_FILE_TEST_EXISTS));
}

/* An output the rename cannot replace (a folder of that name): the command says so, and
 * neither the folder nor a temporary file beside it is left changed. */
static void
test_dashboard_rename_fails (void)
{
  g_autofree char *dir = xa_test_path ("dashboard-rename");
  g_autofree char *output = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;
  XaTestRun run;

  g_assert_cmpint (g_mkdir_with_parents (output, 0700), ==, 0);
  run = xa_test_run_app ((const char * const[]) { "--store", get_store (), "--export",
                                                  "dashboard", "--output", output, NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, output));
  xa_test_run_clear (&run);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_DIR));
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* A disk that fills up during the export (@data: the format): the command fails with the
 * output's own name and the reason, and leaves nothing in the folder, not even its hidden
 * temporary file. Not XLSX: libxlsxwriter does not check the writes of its own temporary
 * files, which a per-file limit cuts short while the (then small) workbook still fits; on a
 * disk that is really full its workbook fails too, as it is written to the same folder. */
static void
test_disk_full (gconstpointer data)
{
  const char *extension = data;
  g_autofree char *folder = xa_test_path ("full-disk");
  g_autofree char *name = g_strdup_printf ("lifts.%s", extension);
  g_autofree char *output = g_build_filename (folder, name, NULL);
  g_autoptr(GDir) dir = NULL;
  XaTestRun run;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run = xa_test_run_app_file_limit ((const char * const[]) { "--store", get_store (),
                                                             "--export", "elevators",
                                                             "--output", output, NULL },
                                    64 * 1024);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, output));
  g_assert_null (strstr (run.err, "/."));
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
  xa_test_run_clear (&run);
}

/* Puts an empty file at @folder/@name, last written @age_seconds ago. */
static void
put_file_aged (const char *folder,
               const char *name,
               gint64      age_seconds)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_seconds);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* The hidden temporary file of an export that was killed (kill -9, a power cut) does not
 * stay in the planner's folder for good: the next export to that file removes it once it is
 * an hour old. A younger one (an export running now), another file's, and anything else in
 * the folder stay. */
static void
test_stale_temporaries (void)
{
  g_autofree char *folder = xa_test_path ("stale-temporaries");
  g_autofree char *output = g_build_filename (folder, "lifts.csv", NULL);
  const char *kept[] = { ".lifts.csv.Fr3sh1", ".lifts.csv.old", ".other.csv.0ld0ld",
                         "notes.txt", "lifts.csv" };
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  guint n_files = 0;
  XaTestRun run;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  put_file_aged (folder, ".lifts.csv.K1lled", 2 * 60 * 60);
  put_file_aged (folder, ".lifts.csv.Fr3sh1", 60);
  put_file_aged (folder, ".lifts.csv.old", 2 * 60 * 60);
  put_file_aged (folder, ".other.csv.0ld0ld", 2 * 60 * 60);
  put_file_aged (folder, "notes.txt", 2 * 60 * 60);
  run = xa_test_run_app ((const char * const[]) { "--store", get_store (), "--export",
                                                  "elevators", "--district", DISTRICT,
                                                  "--output", output, NULL });
  g_assert_cmpint (run.status, ==, 0);
  xa_test_run_clear (&run);

  dir = g_dir_open (folder, 0, NULL);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_strv_contains ((const char * const *) kept, entry));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (kept));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  xa_test_init (&argc, &argv);

  g_test_add_data_func ("/export/compounds/csv", "csv", check_compounds);
  g_test_add_data_func ("/export/compounds/xlsx", "xlsx", check_compounds);
  g_test_add_data_func ("/export/elevators/csv", "csv", check_elevators);
  g_test_add_data_func ("/export/elevators/xlsx", "xlsx", check_elevators);
  g_test_add_data_func ("/export/problems/csv", "csv", check_problems);
  g_test_add_data_func ("/export/problems/xlsx", "xlsx", check_problems);
  g_test_add_func ("/export/district", test_district);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/failures", test_failures);
  g_test_add_func ("/export/dashboard/pdf", test_dashboard_pdf);
  g_test_add_func ("/export/dashboard/district-png", test_dashboard_district_png);
  g_test_add_func ("/export/dashboard/rename-fails", test_dashboard_rename_fails);
  g_test_add_data_func ("/export/disk-full/csv", "csv", test_disk_full);
  g_test_add_data_func ("/export/disk-full/pdf", "pdf", test_disk_full);
  g_test_add_func ("/export/stale-temporaries", test_stale_temporaries);

  ret = g_test_run ();
  g_clear_pointer (&store_path, g_free);
  return ret;
}
