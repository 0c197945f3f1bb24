/* xs-synthetic.c — see xs-synthetic.h. A million records must load in seconds, so the
 * data text is printed straight into a buffer (no JsonObject per record) and appended with
 * one prepared statement in one transaction. The shapes follow src/records-api.md so the
 * real client accepts every record: ids [A-Za-z0-9._-], coordinates inside China, times
 * with an offset, every reference to a record that came earlier in the feed. */
#include "config.h"

#include "xa-calendar.h"
#include "xs-synthetic.h"

#define N_DISTRICTS  10
#define N_CATEGORIES 10

static const char * const statuses[] = { "open", "in_progress", "resolved", "closed" };
static const char * const tiers[] = { "on_site", "consultation", "city" };
static const char * const sources[] = { "hotline_12345", "inspection", "owner", "cadre" };
static const char * const kinds[] = { "residential", "commercial", "mixed" };
static const char * const key_actions[] = {
  "contract_publicity", "public_revenue", "elevator_renewal", "flood_prevention", "ebike_charging",
  "maintenance_fund", "power_supply", "utilities_supply", "property_service", "fire_safety",
};

/* 2025-01-01T00:00:00+08:00 plus @offset seconds, quoted, as the feed writes times. */
static void
append_time (GString *out,
             guint64  offset)
{
  g_autofree char *text = xa_calendar_format_time (xa_calendar_time (2025, 1, 1, 0, 0)
                                                   + (gint64) offset);

  g_string_append_printf (out, "\"%s\"", text);
}

gboolean
xs_synthetic_fill (XsDatabase  *database,
                   guint64      n_records,
                   GError     **error)
{
  g_autoptr(GString) data = g_string_sized_new (1024);
  guint64 n_districts = MIN (N_DISTRICTS, n_records);
  guint64 n_categories = MIN (N_CATEGORIES, n_records - n_districts);
  guint64 rest = n_records - n_districts - n_categories;
  /* One compound for every three problems; all compounds when there is no category. */
  guint64 n_compounds = n_categories == 0 ? rest : (rest + 3) / 4;
  guint64 n_problems = rest - n_compounds;
  char id[32];

  g_return_val_if_fail (XS_IS_DATABASE (database), FALSE);

  if (!xs_database_begin (database, error))
    return FALSE;

  for (guint64 i = 0; i < n_districts; i++)
    {
      g_snprintf (id, sizeof id, "3799%02u", (guint) i + 1);
      g_string_printf (data, "{\"code\":\"%s\",\"name\":\"合成区%u\",\"lat\":%.4f,\"lon\":%.4f}",
                       id, (guint) i + 1, 30.0 + i * 0.5, 110.0 + i * 0.5);
      if (xs_database_append_new (database, "district", id, data->str, error) == 0)
        goto fail;
    }
  for (guint64 i = 0; i < n_categories; i++)
    {
      g_snprintf (id, sizeof id, "SYN-CAT-%02u", (guint) i + 1);
      g_string_printf (data,
                       "{\"code\":\"%s\",\"name_zh\":\"合成类别%u\","
                       "\"name_en\":\"Synthetic %u\",\"key_action\":\"%s\"}",
                       id, (guint) i + 1, (guint) i + 1, key_actions[i]);
      if (xs_database_append_new (database, "category", id, data->str, error) == 0)
        goto fail;
    }
  for (guint64 i = 0; i < n_compounds; i++)
    {
      guint district = i % n_districts + 1;

      g_snprintf (id, sizeof id, "SC%08" G_GUINT64_FORMAT, i + 1);
      g_string_printf (data,
                       "{\"name\":\"合成小区%" G_GUINT64_FORMAT "\",\"district\":\"3799%02u\","
                       "\"subdistrict\":\"合成街道%u\",\"community\":\"合成社区%u\","
                       "\"address\":\"合成路%" G_GUINT64_FORMAT "号\",\"lat\":%.6f,\"lon\":%.6f,"
                       "\"kind\":\"%s\",\"built_year\":%u,\"buildings\":%u,\"households\":%u,",
                       i + 1, district, (guint) (i % 97), (guint) (i % 389), i + 1,
                       25.0 + (i % 20000) * 0.0005, 105.0 + (i / 20000 % 40000) * 0.0005,
                       kinds[i % 3], 1980 + (guint) (i % 45), 1 + (guint) (i % 30),
                       40 + (guint) (i % 1200));
      if (i % 5 != 0)
        g_string_append_printf (data, "\"property_company\":\"合成物业%u\",", (guint) (i % 500));
      g_string_append_printf (data, "\"owners_committee\":%s,\"public_revenue_recorded\":%s,"
                              "\"special_account\":%s,\"supervised_fen\":%u}",
                              i % 2 ? "true" : "false", i % 7 ? "true" : "false",
                              i % 4 == 0 ? "true" : "false", (guint) (i % 1000) * 1000);
      if (xs_database_append_new (database, "compound", id, data->str, error) == 0)
        goto fail;
    }
  for (guint64 i = 0; i < n_problems; i++)
    {
      const char *status = statuses[i % 4];
      guint64 reported = (i * 7919) % (300 * 86400);
      char compound[32];

      g_snprintf (id, sizeof id, "SP%08" G_GUINT64_FORMAT, i + 1);
      g_snprintf (compound, sizeof compound, "SC%08" G_GUINT64_FORMAT, i % n_compounds + 1);
      g_string_printf (data,
                       "{\"compound\":\"%s\",\"category\":\"SYN-CAT-%02u\",\"source\":\"%s\",",
                       compound, (guint) (i % n_categories) + 1, sources[i % 4]);
      if (i % 4 == 0)
        g_string_append_printf (data, "\"ticket_no\":\"12345-2025-%07u\",", (guint) (i % 10000000));
      g_string_append_printf (data, "\"title\":\"合成问题%" G_GUINT64_FORMAT "\","
                              "\"description\":\"合成的问题描述，用于基准测试。\","
                              "\"reported_at\":", i + 1);
      append_time (data, reported);
      g_string_append (data, ",\"deadline\":");
      append_time (data, reported + 7 * 86400);
      g_string_append_printf (data, ",\"status\":\"%s\",\"tier\":\"%s\","
                              "\"responsible_party\":\"合成承办单位\"", status, tiers[i % 3]);
      if (i % 4 >= 2)
        {
          g_string_append (data, ",\"resolved_at\":");
          append_time (data, reported + 3 * 86400);
          g_string_append_printf (data, ",\"resolution_note\":\"已处理\",\"satisfaction\":%u",
                                  1 + (guint) (i % 5));
        }
      g_string_append_c (data, '}');
      if (xs_database_append_new (database, "problem", id, data->str, error) == 0)
        goto fail;
    }
  return xs_database_commit (database, error);

fail:
  xs_database_rollback (database);
  return FALSE;
}
