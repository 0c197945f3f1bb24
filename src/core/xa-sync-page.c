/* xa-sync-page.c — see xa-sync-page-private.h. The page goes through the project's own JSON
 * reader and then through xa_change_from_json(), the one validation of every record:
 * json-glib would spend most of a sync allocating a node and a hash table per value. */
#include "config.h"

#include <string.h>

#include "xa-records-private.h"
#include "xa-sync-client.h"
#include "xa-sync-page-private.h"
#include "xa-varargs.h"

gboolean
_xa_sync_page_bad (GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *detail = XA_STRDUP_VARARGS (format);

  g_set_error (error, XA_SYNC_ERROR, XA_SYNC_ERROR_BAD_PAGE,
               "The records server sent a page that was not stored: %s. Nothing of that page "
               "was applied; report this to the server's operator", detail);
  return FALSE;
}

void
_xa_sync_page_free (XaSyncPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_free (page->cursor);
  g_free (page);
}

XaSyncPage *
_xa_sync_page_parse (char    *data,
                     gsize    length,
                     GError **error)
{
  g_autoptr(XaJsonDocument) document = NULL;
  g_autoptr(XaSyncPage) page = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(XaJsonFailure) failure = NULL;
  const XaJsonNode *root, *node, *element;
  const char *cursor;
  gsize cursor_length = 0;
  gint64 last_seq = 0;

  document = xa_json_document_new_take_full (data, length, &failure, &local_error);
  if (document == NULL)
    {
      g_autoptr(GError) named = NULL;

      /* Inside a change ({"changes": [ … ]}: the third level) the record and its field are
       * what the server's operator needs to find the fault, not a byte offset. */
      if (xa_json_failure_get_depth (failure) > 2 &&
          g_str_equal (xa_json_failure_get_step (failure, 0), "changes") &&
          _xa_change_name_json_failure (failure, 2, local_error, &named))
        _xa_sync_page_bad (error, "it is not valid JSON, or it was cut short, in %s",
                           named->message);
      else
        _xa_sync_page_bad (error, "it is not valid JSON, or it was cut short (%s)",
                           local_error->message);
      return NULL;
    }
  root = xa_json_document_get_root (document);
  if (xa_json_node_get_kind (root) != XA_JSON_OBJECT)
    {
      _xa_sync_page_bad (error, "it is not a JSON object");
      return NULL;
    }

  node = xa_json_object_get_member (root, "cursor", NULL);
  cursor = node != NULL ? xa_json_node_get_string (node, &cursor_length) : NULL;
  if (cursor == NULL || *cursor == '\0')
    {
      _xa_sync_page_bad (error, "it has no “cursor”");
      return NULL;
    }
  /* A \u0000 would shorten the cursor, and the next request would ask for another page. */
  if (strlen (cursor) != cursor_length)
    {
      _xa_sync_page_bad (error, "its “cursor” contains a NUL character (\\u0000)");
      return NULL;
    }
  node = xa_json_object_get_member (root, "more", NULL);
  if (node == NULL || xa_json_node_get_kind (node) != XA_JSON_BOOLEAN)
    {
      _xa_sync_page_bad (error, "it has no “more”");
      return NULL;
    }
  page = g_new0 (XaSyncPage, 1);
  page->more = xa_json_node_get_boolean (node);
  node = xa_json_object_get_member (root, "changes", NULL);
  if (node == NULL || xa_json_node_get_kind (node) != XA_JSON_ARRAY)
    {
      _xa_sync_page_bad (error, "it has no “changes” list");
      return NULL;
    }

  page->changes = g_ptr_array_new_full (xa_json_node_get_size (node),
                                        (GDestroyNotify) xa_change_free);
  for (element = xa_json_node_first_child (node); element != NULL;
       element = xa_json_node_next (element))
    {
      XaChange *change = xa_change_from_json (element, &local_error);

      if (change == NULL)
        {
          _xa_sync_page_bad (error, "%s", local_error->message);
          return NULL;
        }
      g_ptr_array_add (page->changes, change);
      if (change->seq <= last_seq)
        {
          _xa_sync_page_bad (error, "%s %s: its seq %" G_GINT64_FORMAT " is out of order",
                             xa_record_type_to_string (change->type), change->id, change->seq);
          return NULL;
        }
      last_seq = change->seq;
      if (change->deleted)
        page->deleted++;
    }

  page->cursor = g_strdup (cursor);
  return g_steal_pointer (&page);
}
