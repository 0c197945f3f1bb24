/* xs-simulator.c — see xs-simulator.h. Changes are picked at random from the live
 * records so the feed shows what a bureau sees on an ordinary day: tickets coming in from
 * the 12345 hotline, being taken on and resolved, flood checklists filling up before the
 * season, new lifts handed over. Times carry +08:00, the bureau's offset. */
#include "config.h"

#include "xa-calendar.h"
#include "xa-random.h"
#include "xs-demo-city.h"
#include "xs-demo-names.h"
#include "xs-simulator.h"

struct _XsSimulator
{
  GObject     parent_instance;

  XsDatabase *database;
  GRand      *rand;
  guint       timeout_id;
  gint64      clock_offset;   /* seconds added to the real clock */
};

G_DEFINE_FINAL_TYPE (XsSimulator, xs_simulator, G_TYPE_OBJECT)

static char *
unique_id (XsSimulator *self,
           const char  *prefix,
           gint64       now)
{
  return g_strdup_printf ("%s-S%" G_GINT64_FORMAT "-%04d", prefix, now,
                          g_rand_int_range (self->rand, 0, 10000));
}

static gboolean
put (XsSimulator  *self,
     const char   *type,
     const char   *id,
     JsonObject   *data,
     const char   *what,
     GError      **error)
{
  gint64 seq = xs_database_put (self->database, type, id, data, error);

  if (seq == 0)
    return FALSE;
  g_printerr ("simulate: %s %s %s (seq %" G_GINT64_FORMAT ")\n", type, id, what, seq);
  return TRUE;
}

static gboolean
new_problem (XsSimulator  *self,
             gint64        now,
             GError      **error)
{
  g_autofree char *compound = xs_database_pick_random (self->database, self->rand, "compound",
                                                       NULL, NULL, error);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) data = NULL;

  if (compound == NULL)
    return error == NULL || *error == NULL;   /* an empty city: nothing to report on */
  id = unique_id (self, "PB", now);
  data = xs_demo_city_new_problem (self->rand, compound, now);
  return put (self, "problem", id, data, "reported", error);
}

static gboolean
advance_problem (XsSimulator  *self,
                 gint64        now,
                 GError      **error)
{
  static const char * const unresolved[] = { "open", "in_progress", NULL };
  static const char * const notes[] = {
    "已现场核实并处理完毕，业主确认。",
    "物业已完成维修，社区回访满意。",
    "经街道协调，责任单位已整改到位。",
  };
  g_autofree char *id = xs_database_pick_random (self->database, self->rand, "problem", "status",
                                                 unresolved, error);
  g_autoptr(JsonObject) data = NULL;
  const char *status;

  if (id == NULL)
    return error == NULL || *error == NULL;
  data = xs_database_get (self->database, "problem", id, error);
  if (data == NULL)
    return error == NULL || *error == NULL;

  status = json_object_get_string_member_with_default (data, "status", "open");
  if (g_str_equal (status, "open"))
    {
      json_object_set_string_member (data, "status", "in_progress");
      return put (self, "problem", id, data, "taken on", error);
    }
  else
    {
      g_autofree char *resolved_at = xa_calendar_format_time (now);

      json_object_set_string_member (data, "status", "resolved");
      json_object_set_string_member (data, "resolved_at", resolved_at);
      json_object_set_string_member (data, "resolution_note",
                                     notes[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (notes))]);
      return put (self, "problem", id, data, "resolved", error);
    }
}

static gboolean
update_flood_check (XsSimulator  *self,
                    gint64        now,
                    GError      **error)
{
  static const char * const items[] = { "supplies", "personnel", "plan", "drill" };
  g_autofree char *id = xs_database_pick_random (self->database, self->rand, "flood_check",
                                                 NULL, NULL, error);
  g_autofree char *today = xa_calendar_format_date (now);
  g_autofree char *inspected_at = xa_calendar_format_time (now);
  g_autoptr(JsonObject) data = NULL;
  guint first = g_rand_int_range (self->rand, 0, G_N_ELEMENTS (items));
  gint64 found, fixed;

  if (id == NULL)
    return error == NULL || *error == NULL;
  data = xs_database_get (self->database, "flood_check", id, error);
  if (data == NULL)
    return error == NULL || *error == NULL;

  /* The next item that is not in place yet gets put in place. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const char *name = items[(first + i) % G_N_ELEMENTS (items)];
      JsonObject *item = json_object_get_object_member (data, name);

      if (item != NULL && !json_object_get_boolean_member_with_default (item, "in_place", FALSE))
        {
          json_object_set_boolean_member (item, "in_place", TRUE);
          json_object_set_string_member (item, "date", today);
          break;
        }
    }
  found = json_object_get_int_member_with_default (data, "problems_found", 0);
  fixed = json_object_get_int_member_with_default (data, "problems_fixed", 0);
  if (fixed < found)
    json_object_set_int_member (data, "problems_fixed", fixed + 1);
  json_object_set_string_member (data, "inspected_at", inspected_at);
  return put (self, "flood_check", id, data, "inspected again", error);
}

static gboolean
commission_elevator (XsSimulator  *self,
                     gint64        now,
                     GError      **error)
{
  g_autofree char *compound = xs_database_pick_random (self->database, self->rand, "compound",
                                                       NULL, NULL, error);
  g_autoptr(JsonObject) compound_data = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *id = NULL;
  g_autofree char *today = xa_calendar_format_date (now);
  g_autofree char *building = NULL;
  g_autofree char *code = NULL;
  const XsDemoLift *lift = &xs_demo_lifts[g_rand_int_range (self->rand, 0, xs_demo_n_lifts)];
  gint64 buildings;

  if (compound == NULL)
    return error == NULL || *error == NULL;
  compound_data = xs_database_get (self->database, "compound", compound, error);
  if (compound_data == NULL)
    return error == NULL || *error == NULL;

  buildings = MAX (1, json_object_get_int_member_with_default (compound_data, "buildings", 1));
  id = unique_id (self, "EL", now);
  building = g_strdup_printf ("%d号楼",
                              g_rand_int_range (self->rand, 1, (gint32) MIN (buildings, 99) + 1));
  code = g_strdup_printf ("梯11鲁Q%05d(%.2s)", g_rand_int_range (self->rand, 90000, 100000),
                          today + 2);

  data = json_object_new ();
  json_object_set_string_member (data, "compound", compound);
  json_object_set_string_member (data, "building", building);
  json_object_set_string_member (data, "unit", "1单元");
  json_object_set_string_member (data, "registration_code", code);
  json_object_set_string_member (data, "maker", lift->maker);
  json_object_set_string_member (data, "model", lift->model);
  json_object_set_string_member (data, "commissioned", today);
  json_object_set_int_member (data, "faults_12m", 0);
  json_object_set_int_member (data, "entrapments_12m", 0);
  json_object_set_string_member (data, "renewal_status", "none");
  return put (self, "elevator", id, data, "commissioned", error);
}

gboolean
xs_simulator_step (XsSimulator  *self,
                   GError      **error)
{
  /* Mostly tickets, as in the bureau's day; lifts are handed over rarely. */
  static const double weights[] = { 40, 30, 20, 10 };
  gint64 now;
  guint action;
  gboolean ok;

  g_return_val_if_fail (XS_IS_SIMULATOR (self), FALSE);

  now = g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
  action = xa_random_weighted_index (weights, G_N_ELEMENTS (weights),
                                     g_rand_int_range (self->rand, 0, 100));

  if (!xs_database_begin (self->database, error))
    return FALSE;
  switch (action)
    {
    case 0:
      ok = new_problem (self, now, error);
      break;
    case 1:
      ok = advance_problem (self, now, error);
      break;
    case 2:
      ok = update_flood_check (self, now, error);
      break;
    default:
      ok = commission_elevator (self, now, error);
      break;
    }
  if (!ok)
    {
      xs_database_rollback (self->database);
      return FALSE;
    }
  return xs_database_commit (self->database, error);
}

static gboolean
tick (gpointer user_data)
{
  XsSimulator *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A busy database (an admin command compacting) only skips this tick. */
  if (!xs_simulator_step (self, &error))
    g_printerr ("simulate: skipped: %s\n", error->message);
  return G_SOURCE_CONTINUE;
}

void
xs_simulator_start (XsSimulator *self,
                    guint        interval_seconds)
{
  g_return_if_fail (XS_IS_SIMULATOR (self));
  g_return_if_fail (interval_seconds >= 1);

  xs_simulator_stop (self);
  self->timeout_id = g_timeout_add_seconds (interval_seconds, tick, self);
}

void
xs_simulator_set_now (XsSimulator *self,
                      gint64       now)
{
  g_return_if_fail (XS_IS_SIMULATOR (self));

  self->clock_offset = now - g_get_real_time () / G_USEC_PER_SEC;
}

void
xs_simulator_stop (XsSimulator *self)
{
  g_return_if_fail (XS_IS_SIMULATOR (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

static void
xs_simulator_dispose (GObject *object)
{
  XsSimulator *self = XS_SIMULATOR (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (xs_simulator_parent_class)->dispose (object);
}

static void
xs_simulator_finalize (GObject *object)
{
  XsSimulator *self = XS_SIMULATOR (object);

  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (xs_simulator_parent_class)->finalize (object);
}

static void
xs_simulator_class_init (XsSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_simulator_dispose;
  object_class->finalize = xs_simulator_finalize;
}

static void
xs_simulator_init (XsSimulator *self)
{
}

XsSimulator *
xs_simulator_new (XsDatabase *database,
                  guint32     seed)
{
  XsSimulator *self;

  g_return_val_if_fail (XS_IS_DATABASE (database), NULL);

  self = g_object_new (XS_TYPE_SIMULATOR, NULL);
  self->database = g_object_ref (database);
  self->rand = g_rand_new_with_seed (seed);
  return self;
}
