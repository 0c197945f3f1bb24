/* bench-export.c — exporting 100,000 elevators to CSV and XLSX, each figure printed beside
 * the baselines measured in the same run: the same number of rows of the same width
 * written bare (stdio for CSV, libxlsxwriter with constant strings for XLSX), and reading
 * the table from the store alone. The store is a real one, filled as a sync fills it with
 * a made-up city of 2,000 compounds (xa_test_store_fill_city ()). */
#include "config.h"

#include <stdio.h>
#include <xlsxwriter.h>

#include "xa-export-file.h"
#include "xa-export-table.h"
#include "xa-store.h"
#include "xa-test-store.h"
#include "xa-test-util.h"

#define N_COMPOUNDS 2000
#define N_ELEVATORS 100000

static void
figure (const char *name,
        double      value,
        const char *unit,
        const char *against)
{
  g_print ("%-28s %12.3f %-8s  # %s\n", name, value, unit, against);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The floor for CSV: the same rows of about the same width through stdio. */
static double
bare_csv_seconds (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  for (guint i = 0; i < N_ELEVATORS; i++)
    fprintf (file, "小区%u,区县%u,%u号楼,%u单元,3713%010u,制造商%u,TKJ-%u,1999-01-15,%u,"
             "2026-01-10,合格,%u,%u,C,2022-05-01,未列入,,,%u\r\n",
             i % N_COMPOUNDS, i % 12, i % 20, i % 4, i, i % 9, i % 50, 27, i % 13, i % 4, i % 90);
  g_assert_cmpint (fclose (file), ==, 0);
  return seconds_since (start);
}

/* The floor for XLSX: libxlsxwriter alone, the same number of cells (numbers where the
 * export has numbers), in the constant-memory mode the export uses. */
static double
bare_xlsx_seconds (const char *path,
                   guint       n_columns)
{
  gint64 start = g_get_monotonic_time ();
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);

  for (guint row = 0; row < N_ELEVATORS; row++)
    for (guint column = 0; column < n_columns; column++)
      {
        if (column % 3 == 0)
          worksheet_write_number (sheet, row, column, row + column, NULL);
        else
          worksheet_write_string (sheet, row, column, "小区二十三号楼", NULL);
      }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return seconds_since (start);
}

static double
export_seconds (const char *store_path,
                const char *output)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint rows = 0;

  xa_export_file (store_path, "elevators", NULL, output, g_get_real_time () / G_USEC_PER_SEC,
                  NULL, &rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, N_ELEVATORS);
  return seconds_since (start);
}

static void
collect_id (gconstpointer record,
            gpointer      user_data)
{
  const XaElevator *elevator = record;

  g_ptr_array_add (user_data, g_strdup (elevator->id));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store_path = NULL;
  g_autofree char *against = NULL;
  g_autoptr(XaStore) store = NULL;
  g_autoptr(XaExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XaExportTable) view_table = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  double read_s, view_s, csv_s, xlsx_s, bare_csv_s, bare_xlsx_s;
  gint64 start;
  guint n_columns = 20;

  xa_test_init (&argc, &argv);
  store_path = xa_test_path ("export.db");
  start = g_get_monotonic_time ();
  xa_test_store_fill_city (store_path, N_COMPOUNDS, N_ELEVATORS);
  figure ("fill_store", seconds_since (start), "s", "100,000 elevators, 2,000 compounds");

  store = xa_test_store_open (store_path);
  start = g_get_monotonic_time ();
  table = xa_export_table_new (store, XA_EXPORT_ELEVATORS, NULL,
                               g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  read_s = seconds_since (start);

  /* The rows of a view, as Export… on the Elevators page asks for them: every lift, in an
   * order other than the store's (its reverse). */
  g_assert_true (xa_store_foreach (store, XA_RECORD_ELEVATOR, collect_id, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len / 2; i++)
    {
      gpointer id = ids->pdata[i];

      ids->pdata[i] = ids->pdata[ids->len - 1 - i];
      ids->pdata[ids->len - 1 - i] = id;
    }
  start = g_get_monotonic_time ();
  view_table = xa_export_table_new_rows (store, XA_EXPORT_ELEVATORS, NULL, ids, NULL,
                                         g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  view_s = seconds_since (start);
  g_assert_cmpuint (xa_export_table_get_n_rows (view_table), ==, N_ELEVATORS);
  g_clear_object (&store);

  {
    /* xa_test_path () names files "NAME-N": the export wants its format's extension last. */
    g_autofree char *stem = xa_test_path ("out");
    g_autofree char *bare_csv = g_strconcat (stem, "-bare.csv", NULL);
    g_autofree char *bare_xlsx = g_strconcat (stem, "-bare.xlsx", NULL);
    g_autofree char *csv = g_strconcat (stem, "-elevators.csv", NULL);
    g_autofree char *xlsx = g_strconcat (stem, "-elevators.xlsx", NULL);

    bare_csv_s = bare_csv_seconds (bare_csv);
    bare_xlsx_s = bare_xlsx_seconds (bare_xlsx, n_columns);
    csv_s = export_seconds (store_path, csv);
    xlsx_s = export_seconds (store_path, xlsx);
  }

  figure ("baseline_bare_csv", bare_csv_s, "s", "stdio, 100,000 rows of the same width");
  figure ("baseline_bare_xlsx", bare_xlsx_s, "s",
          "libxlsxwriter alone, 100,000 rows x 20 cells, constant memory");
  figure ("read_table", read_s, "s", "the elevator table read from the store, typed cells");
  figure ("read_table_view_order", view_s, "s",
          "the same for a view's 100,000 ids, put in the view's order");
  against = g_strdup_printf ("whole export (store, table, file); %.1f times bare stdio",
                             csv_s / bare_csv_s);
  figure ("export_csv_100000", csv_s, "s", against);
  g_free (against);
  against = g_strdup_printf ("whole export (store, table, file); %.1f times bare "
                             "libxlsxwriter", xlsx_s / bare_xlsx_s);
  figure ("export_xlsx_100000", xlsx_s, "s", against);
  return 0;
}
