/* xa-record-ids.c — see xa-record-ids.h. */
#include "config.h"

#include <string.h>

#include "xa-record-ids.h"

gboolean
xa_record_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > XA_RECORD_ID_MAX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '.' && id[i] != '_' && id[i] != '-')
      return FALSE;
  return TRUE;
}
