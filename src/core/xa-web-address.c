/* xa-web-address.c — see xa-web-address.h. */
#include "config.h"

#include <string.h>

#include "xa-web-address.h"

gboolean
xa_web_address_is_valid (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0)
         && host != NULL && *host != '\0';
}

char *
xa_web_address_normalize (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stripped = NULL;
  int port;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      gsize len = strlen (stripped);

      while (len > 0 && stripped[len - 1] == '/')
        stripped[--len] = '\0';
      return g_steal_pointer (&stripped);
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https"))
      || (port == 80 && g_str_equal (scheme, "http")))
    port = -1;
  path = g_strdup (g_uri_get_path (uri));
  for (gsize len = strlen (path); len > 0 && path[len - 1] == '/'; len--)
    path[len - 1] = '\0';
  /* User names and passwords are left out: the result names a server in the store and in
   * keyring attributes, which are not secret. */
  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, path,
                     g_uri_get_query (uri), NULL);
}

gboolean
xa_web_address_same (const char *a,
                     const char *b)
{
  g_autofree char *normal_a = NULL;
  g_autofree char *normal_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  normal_a = xa_web_address_normalize (a);
  normal_b = xa_web_address_normalize (b);
  return g_str_equal (normal_a, normal_b);
}
