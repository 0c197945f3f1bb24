/* xa-compound-list.c — see xa-compound-list.h. A band's rows come from the same
 * XaCompoundPoints the legend counts, and a figure's from xa_totals_compute_by_compound(),
 * whose sum is the figure: the list can never count differently from what opened it. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "xa-agenda-sources.h"
#include "xa-compound-list.h"
#include "xa-compound-list-item.h"
#include "xa-format.h"
#include "xa-metrics.h"
#include "xa-overlay-style.h"

typedef enum
{
  LISTING_NONE,
  LISTING_BAND,
  LISTING_FIGURE,
} Listing;

/* The counts of XaTotals a figure can list compounds by. */
typedef enum
{
  FIELD_NONE,
  FIELD_COMPOUNDS,
  FIELD_REVENUE_RECORDED,
  FIELD_SPECIAL_ACCOUNTS,
  FIELD_CHARGING_COMPOUNDS,
  FIELD_PORTS,
  FIELD_SMART_PORTS,
  FIELD_FLOOD_INSPECTED,
  FIELD_FLOOD_READY,
  FIELD_DRILLS,
  FIELD_FLOOD_FIXED,
  FIELD_RESOLVED,
  FIELD_OPEN,
  FIELD_OVERDUE,
  FIELD_CITY_TIER,
  FIELD_ELEVATORS,
  FIELD_ASSESSMENT_DUE,
} Field;

/* A figure lists the compounds whose own @counted is above 0, with @measure (FIELD_NONE:
 * no measure column) beside them. */
static const struct
{
  const char *name;
  const char *title;
  Field       counted;
  Field       measure;
} figures[] = {
  { "compounds", N_("Compounds"), FIELD_COMPOUNDS, FIELD_NONE },
  { "revenue-recorded", N_("Public revenue recorded"), FIELD_REVENUE_RECORDED, FIELD_NONE },
  { "special-accounts", N_("Special accounts opened"), FIELD_SPECIAL_ACCOUNTS, FIELD_NONE },
  { "charging-compounds", N_("Compounds with charging facilities"), FIELD_CHARGING_COMPOUNDS,
    FIELD_PORTS },
  { "charging-ports", N_("Charging ports"), FIELD_PORTS, FIELD_PORTS },
  { "smart-ports", N_("Smart charging ports"), FIELD_SMART_PORTS, FIELD_SMART_PORTS },
  { "flood-inspected", N_("Compounds inspected"), FIELD_FLOOD_INSPECTED, FIELD_NONE },
  { "flood-ready", N_("All four items in place"), FIELD_FLOOD_READY, FIELD_NONE },
  { "drills", N_("Drills held"), FIELD_DRILLS, FIELD_DRILLS },
  { "flood-fixed", N_("Problems found and fixed"), FIELD_FLOOD_FIXED, FIELD_FLOOD_FIXED },
  { "problems-resolved", N_("Resolved problems"), FIELD_RESOLVED, FIELD_RESOLVED },
  { "problems-open", N_("Open problems"), FIELD_OPEN, FIELD_OPEN },
  { "problems-overdue", N_("Overdue problems"), FIELD_OVERDUE, FIELD_OVERDUE },
  { "city-tier", N_("Solved at city level"), FIELD_CITY_TIER, FIELD_NONE },
  { "elevators", N_("Elevators"), FIELD_ELEVATORS, FIELD_ELEVATORS },
  { "assessment-due", N_("Safety assessment due"), FIELD_ASSESSMENT_DUE,
    FIELD_ASSESSMENT_DUE },
};

struct _XaCompoundList
{
  AdwBin              parent_instance;

  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *district_column;
  GtkColumnViewColumn *measure_column;
  GtkColumnViewColumn *cadre_column;

  GListStore         *items;
  GtkSingleSelection *selection;
  GSettings          *settings;

  XaStore            *store;
  XaCompoundPoints   *points;
  char               *district_code;
  char               *district_name;
  GHashTable         *cadres;       /* compound id → cadre names, for @points */

  Listing             listing;
  XaOverlay           overlay;
  guint               band;
  guint               figure;
  char               *title;        /* the header's two lines as one, for tests and a11y */
  char               *heading;      /* the first line: what is listed */
};

G_DEFINE_FINAL_TYPE (XaCompoundList, xa_compound_list, ADW_TYPE_BIN)

enum { COMPOUND_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- Rows ---- */

static void
collect_cadre (gconstpointer record,
               gpointer      user_data)
{
  const XaCadre *cadre = record;
  GHashTable *cadres = user_data;

  for (guint i = 0; cadre->compounds != NULL && cadre->compounds[i] != NULL; i++)
    {
      const char *before = g_hash_table_lookup (cadres, cadre->compounds[i]);

      g_hash_table_insert (cadres, g_strdup (cadre->compounds[i]),
                           before == NULL ? g_strdup (cadre->name)
                           /* Translators: between the names of two cadres of a compound. */
                           : g_strconcat (before, _(", "), cadre->name, NULL));
    }
}

/* The cadres of every compound in one pass: a query per row would cost a list of 2,000
 * compounds a visible pause. */
static GHashTable *
load_cadres (XaStore *store)
{
  g_autoptr(GHashTable) cadres = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;

  if (!xa_store_foreach (store, XA_RECORD_CADRE, collect_cadre, cadres, &error))
    g_warning ("Could not read the cadres for the list of compounds: %s", error->message);
  return g_steal_pointer (&cadres);
}

static const char *
measure_title (XaOverlay overlay)
{
  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      return _("Items in place");
    case XA_OVERLAY_CHARGING:
      return _("Ports per e-bike");
    case XA_OVERLAY_ELEVATOR_AGE:
      return _("Oldest lift");
    case XA_OVERLAY_PROBLEMS:
      return _("Overdue / open");
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
band_measure_text (const XaCompoundPoint *point,
                   XaOverlay              overlay)
{
  double value = point->measures[overlay];

  if (overlay == XA_OVERLAY_PROBLEMS)
    /* Its overdue problems, then its open ones (overdue included), as the column's title. */
    return g_strdup_printf ("%u / %u", point->overdue_problems, point->open_problems);
  if (isnan (value))
    return g_strdup ("—");
  switch (overlay)
    {
    case XA_OVERLAY_FLOOD:
      /* Translators: flood items in place at a compound, e.g. "3 of 4". */
      return g_strdup_printf (_("%d of 4"), (int) value);
    case XA_OVERLAY_CHARGING:
      return g_strdup_printf ("%.2f", value);
    case XA_OVERLAY_ELEVATOR_AGE:
      /* Translators: years in service of a compound's oldest lift, e.g. "22.4 years". */
      return g_strdup_printf (_("%.1f years"), value);
    case XA_N_OVERLAYS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_band_rows (XaCompoundList *self,
               GPtrArray      *rows)
{
  guint n = xa_compound_points_get_n (self->points);

  for (guint i = 0; i < n; i++)
    {
      const XaCompoundPoint *p = xa_compound_points_get (self->points, i);
      g_autofree char *text = NULL;

      /* The legend's rule (xa_compound_points_count_bands()), so the counts agree. */
      if ((self->district_code != NULL && strcmp (p->district_code, self->district_code) != 0)
          || MIN (p->bands[self->overlay], XA_OVERLAY_MAX_BANDS - 1) != self->band)
        continue;
      text = band_measure_text (p, self->overlay);
      g_ptr_array_add (rows, xa_compound_list_item_new (
                         p->id, p->name, p->district_name,
                         g_hash_table_lookup (self->cadres, p->id), text,
                         p->measures[self->overlay],
                         self->overlay == XA_OVERLAY_PROBLEMS ? p->open_problems : 0));
    }
}

static gint64
field_value (const XaTotals *t,
             Field           field)
{
  switch (field)
    {
    case FIELD_COMPOUNDS: return t->compounds;
    case FIELD_REVENUE_RECORDED: return t->public_revenue_recorded;
    case FIELD_SPECIAL_ACCOUNTS: return t->special_accounts;
    case FIELD_CHARGING_COMPOUNDS: return t->compounds_with_charging;
    case FIELD_PORTS: return t->charging_ports;
    case FIELD_SMART_PORTS: return t->smart_ports;
    case FIELD_FLOOD_INSPECTED: return t->flood_inspected;
    case FIELD_FLOOD_READY: return t->flood_ready;
    case FIELD_DRILLS: return t->drills_held;
    case FIELD_FLOOD_FIXED: return t->flood_problems_fixed;
    case FIELD_RESOLVED: return t->problems_resolved;
    case FIELD_OPEN: return t->problems_open;
    case FIELD_OVERDUE: return t->problems_overdue;
    case FIELD_CITY_TIER: return t->city_tier_compounds;
    case FIELD_ELEVATORS: return t->elevators;
    case FIELD_ASSESSMENT_DUE: return t->elevators_assessment_due;
    case FIELD_NONE:
    default:
      return 0;
    }
}

static void
add_figure_rows (XaCompoundList *self,
                 GPtrArray      *rows)
{
  const XaCompoundPointsOptions *options = xa_compound_points_get_options (self->points);
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* The season, clock and interval the Figures page computes with. */
  totals = xa_totals_compute_by_compound (self->store, self->district_code, options->season,
                                          g_get_real_time () / G_USEC_PER_SEC,
                                          MAX (g_settings_get_int (self->settings,
                                                                   "reassessment-interval"), 1),
                                          &error);
  if (totals == NULL)
    {
      g_warning ("Could not count the compounds of a figure: %s", error->message);
      return;
    }
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int index = xa_compound_points_find (self->points, key);
      const XaCompoundPoint *p;
      Field measure = figures[self->figure].measure;
      gint64 amount = field_value (value, measure);
      g_autofree char *text = NULL;

      if (field_value (value, figures[self->figure].counted) <= 0 || index < 0)
        continue;
      p = xa_compound_points_get (self->points, index);
      text = measure != FIELD_NONE ? xa_format_count (amount) : NULL;
      g_ptr_array_add (rows, xa_compound_list_item_new (
                         p->id, p->name, p->district_name,
                         g_hash_table_lookup (self->cadres, p->id), text, amount, 0));
    }
}

static void
update_header (XaCompoundList *self,
               const char     *what)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *count = xa_format_count (n);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->title_label, what);
  /* Translators: under the title of the list of compounds: the district (or "All
   * Districts") and how many compounds are listed, e.g. "罗庄区 — 22 compounds". */
  subtitle = g_strdup_printf (ngettext ("%s — %s compound", "%s — %s compounds", n),
                              self->district_name != NULL ? self->district_name
                              : _("All Districts"), count);
  gtk_label_set_label (self->subtitle_label, subtitle);
  g_free (self->title);
  g_free (self->heading);
  self->heading = g_strdup (what);
  /* Translators: the list of compounds' title and its subtitle in one line, for screen
   * readers, e.g. "Unresolved Problems · Some overdue · 罗庄区 — 22 compounds". */
  self->title = g_strdup_printf (_("%s · %s"), what, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
}

static int compare_text (gconstpointer a, gconstpointer b, gpointer getter);

/* Until a column is sorted, the most first (the worst of a band, the largest holders of a
 * figure), then by name; without it a figure's rows would come in hash table order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  XaCompoundListItem *ia = *(XaCompoundListItem * const *) a;
  XaCompoundListItem *ib = *(XaCompoundListItem * const *) b;
  int result = xa_compound_list_item_compare_measure (ib, ia);

  /* compare_measure() puts NaN after numbers: reversed, they would come first. */
  if (isnan (xa_compound_list_item_get_measure (ia)) !=
      isnan (xa_compound_list_item_get_measure (ib)))
    result = -result;
  return result != 0 ? result : compare_text (ia, ib, xa_compound_list_item_get_name);
}

static void
refresh (XaCompoundList *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *what = NULL;

  if (self->listing == LISTING_NONE || self->points == NULL || self->store == NULL)
    {
      g_list_store_remove_all (self->items);
      return;
    }
  if (self->cadres == NULL)
    self->cadres = load_cadres (self->store);

  if (self->listing == LISTING_BAND)
    {
      g_autofree char *band = xa_overlay_band_label (
        self->overlay, self->band, &xa_compound_points_get_options (self->points)->thresholds);

      add_band_rows (self, rows);
      what = g_strdup_printf (_("%s · %s"), xa_overlay_title (self->overlay), band);
      gtk_column_view_column_set_title (self->measure_column, measure_title (self->overlay));
      gtk_column_view_column_set_visible (self->measure_column, TRUE);
    }
  else
    {
      add_figure_rows (self, rows);
      what = g_strdup (_(figures[self->figure].title));
      gtk_column_view_column_set_title (self->measure_column, what);
      gtk_column_view_column_set_visible (self->measure_column,
                                          figures[self->figure].measure != FIELD_NONE);
    }
  g_ptr_array_sort (rows, compare_rows);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       rows->pdata, rows->len);
  update_header (self, what);
}

void
xa_compound_list_set_source (XaCompoundList   *self,
                             XaStore          *store,
                             XaCompoundPoints *points,
                             const char       *district_code_or_NULL,
                             const char       *district_name_or_NULL)
{
  g_return_if_fail (XA_IS_COMPOUND_LIST (self));
  g_return_if_fail (store == NULL || XA_IS_STORE (store));
  g_return_if_fail (points == NULL || XA_IS_COMPOUND_POINTS (points));

  /* New points mean a sync or new settings: the cadres may have changed with them. */
  if (points != self->points || store != self->store)
    g_clear_pointer (&self->cadres, g_hash_table_unref);
  g_set_object (&self->store, store);
  g_set_object (&self->points, points);
  g_free (self->district_code);
  self->district_code = g_strdup (district_code_or_NULL);
  g_free (self->district_name);
  self->district_name = g_strdup (district_name_or_NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    refresh (self);
}

static void
show_listing (XaCompoundList *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
xa_compound_list_show_band (XaCompoundList *self,
                            XaOverlay       overlay,
                            guint           band)
{
  g_return_if_fail (XA_IS_COMPOUND_LIST (self));
  g_return_if_fail (overlay < XA_N_OVERLAYS);
  g_return_if_fail (band < xa_overlay_n_bands (overlay));

  self->listing = LISTING_BAND;
  self->overlay = overlay;
  self->band = band;
  show_listing (self);
}

gboolean
xa_compound_list_show_figure (XaCompoundList *self,
                              const char     *figure)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST (self), FALSE);
  g_return_val_if_fail (figure != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (strcmp (figures[i].name, figure) == 0)
      {
        self->listing = LISTING_FIGURE;
        self->figure = i;
        show_listing (self);
        return TRUE;
      }
  return FALSE;
}

guint
xa_compound_list_get_n_items (XaCompoundList *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

const char *
xa_compound_list_get_title (XaCompoundList *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST (self), NULL);
  return self->title;
}

const char *
xa_compound_list_get_heading (XaCompoundList *self)
{
  g_return_val_if_fail (XA_IS_COMPOUND_LIST (self), NULL);
  return self->heading;
}

GPtrArray *
xa_compound_list_get_shown_ids (XaCompoundList  *self,
                                char           **out_measure_title,
                                GHashTable     **out_measures)
{
  GListModel *shown;
  GPtrArray *ids;
  gboolean measured;
  guint n;

  g_return_val_if_fail (XA_IS_COMPOUND_LIST (self), NULL);

  /* In the order on screen: the sort model under the selection. */
  shown = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (shown);
  ids = g_ptr_array_new_full (n, g_free);
  /* Before anything was listed the column has no title yet. */
  measured = gtk_column_view_column_get_visible (self->measure_column)
             && gtk_column_view_column_get_title (self->measure_column) != NULL;
  if (out_measure_title != NULL)
    *out_measure_title = measured
                         ? g_strdup (gtk_column_view_column_get_title (self->measure_column))
                         : NULL;
  if (out_measures != NULL)
    *out_measures = measured ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                    : NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XaCompoundListItem) item = g_list_model_get_item (shown, i);
      const char *id = xa_compound_list_item_get_id (item);

      g_ptr_array_add (ids, g_strdup (id));
      if (out_measures != NULL && *out_measures != NULL)
        g_hash_table_insert (*out_measures, g_strdup (id),
                             g_strdup (xa_compound_list_item_get_measure_text (item)));
    }
  return ids;
}

/* ---- Columns ---- */

typedef const char *(*TextGetter) (XaCompoundListItem *item);

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  getter)
{
  XaCompoundListItem *item = gtk_list_item_get_item (list_item);
  const char *text = ((TextGetter) getter) (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
  /* Long names are cut to the column: the tooltip has them whole. */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item), text);
}

static int
compare_text (gconstpointer a,
              gconstpointer b,
              gpointer      getter)
{
  int result = g_utf8_collate (((TextGetter) getter) ((gpointer) a),
                               ((TextGetter) getter) ((gpointer) b));

  /* Ties in id order, so a sort is the same each time. */
  return result != 0 ? result
         : strcmp (xa_compound_list_item_get_id ((gpointer) a),
                   xa_compound_list_item_get_id ((gpointer) b));
}

static int
compare_measure (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  int result = xa_compound_list_item_compare_measure ((gpointer) a, (gpointer) b);

  return result != 0 ? result : compare_text (a, b, xa_compound_list_item_get_name);
}

static void
set_up_column (GtkColumnViewColumn *column,
               TextGetter           getter,
               GtkCustomSorter     *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), getter);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  g_object_unref (factory);
  g_object_unref (sorter);
}

/* ---- Selection and closing ---- */

static void
selection_changed_cb (XaCompoundList *self)
{
  XaCompoundListItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    g_signal_emit (self, signals[COMPOUND_SELECTED], 0, xa_compound_list_item_get_id (item));
}

/* "Add All to Agenda": the compounds listed, in the list's order, to the window's agenda
 * (win.agenda-add, xa-agenda-page.c). */
static void
add_to_agenda_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GPtrArray) ids = xa_compound_list_get_shown_ids (XA_COMPOUND_LIST (widget), NULL,
                                                             NULL);

  g_ptr_array_add (ids, NULL);
  xa_agenda_sources_hand_over (widget, (const char * const *) ids->pdata);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_set_visible (widget, FALSE);
}

static void
xa_compound_list_dispose (GObject *object)
{
  XaCompoundList *self = XA_COMPOUND_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XA_TYPE_COMPOUND_LIST);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->points);
  g_clear_pointer (&self->cadres, g_hash_table_unref);

  G_OBJECT_CLASS (xa_compound_list_parent_class)->dispose (object);
}

static void
xa_compound_list_finalize (GObject *object)
{
  XaCompoundList *self = XA_COMPOUND_LIST (object);

  g_free (self->district_code);
  g_free (self->district_name);
  g_free (self->title);
  g_free (self->heading);

  G_OBJECT_CLASS (xa_compound_list_parent_class)->finalize (object);
}

static void
xa_compound_list_class_init (XaCompoundListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xa_compound_list_dispose;
  object_class->finalize = xa_compound_list_finalize;

  /* The id of the compound chosen in the list. */
  signals[COMPOUND_SELECTED] = g_signal_new ("compound-selected", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "compound-list.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "compound-list.add-to-agenda", NULL,
                                   add_to_agenda_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "compound-list.close", NULL);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/xiaoquatlas/XiaoquAtlas/xa-compound-list.ui");
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, title_label);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, column_view);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, name_column);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, district_column);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, measure_column);
  gtk_widget_class_bind_template_child (widget_class, XaCompoundList, cadre_column);
  gtk_widget_class_set_css_name (widget_class, "xa-compound-list");
}

static void
xa_compound_list_init (XaCompoundList *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  set_up_column (self->name_column, xa_compound_list_item_get_name,
                 gtk_custom_sorter_new (compare_text, xa_compound_list_item_get_name, NULL));
  set_up_column (self->district_column, xa_compound_list_item_get_district,
                 gtk_custom_sorter_new (compare_text, xa_compound_list_item_get_district,
                                        NULL));
  set_up_column (self->measure_column, xa_compound_list_item_get_measure_text,
                 gtk_custom_sorter_new (compare_measure, NULL, NULL));
  set_up_column (self->cadre_column, xa_compound_list_item_get_cadre,
                 gtk_custom_sorter_new (compare_text, xa_compound_list_item_get_cadre, NULL));

  self->items = g_list_store_new (XA_TYPE_COMPOUND_LIST_ITEM);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  /* Hidden until a legend row or a figure asks for it. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
