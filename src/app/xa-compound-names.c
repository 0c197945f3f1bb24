/* xa-compound-names.c — see xa-compound-names.h. */
#include "config.h"

#include "xa-compound-names.h"

static void
compound_names_free (gpointer data)
{
  XaCompoundNames *names = data;

  g_free (names->name);
  g_free (names->district);
  g_free (names);
}

GHashTable *
xa_compound_names_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, compound_names_free);
}

static void
add_compound (gconstpointer record,
              gpointer      user_data)
{
  const XaCompound *compound = record;
  XaCompoundNames *names = g_new0 (XaCompoundNames, 1);

  names->name = g_strdup (compound->name);
  names->district = g_strdup (compound->district);
  g_hash_table_insert (user_data, g_strdup (compound->id), names);
}

gboolean
xa_compound_names_read (GHashTable  *names,
                        XaStore     *store,
                        GError     **error)
{
  g_return_val_if_fail (names != NULL, FALSE);
  g_return_val_if_fail (XA_IS_STORE (store), FALSE);

  return xa_store_foreach (store, XA_RECORD_COMPOUND, add_compound, names, error);
}
