/* xa-fault-proxy.h — an HTTP proxy on 127.0.0.1 that sits between the sync client and the
 * real xiaoqu-server and misbehaves on request: error statuses with Retry-After, stalls,
 * bodies cut short, pages corrupted on the way. It forwards everything else unchanged (an
 * update's POST with its body and Idempotency-Key too), so the client under test always
 * speaks real HTTP to a real server. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  XA_FAULT_PASS,        /* forward to the server */
  XA_FAULT_STATUS,      /* answer @status (with Retry-After: @retry_after when >= 0) */
  XA_FAULT_STALL,       /* accept, read the request, never answer (closed after 20 s) */
  XA_FAULT_TRUNCATE,    /* forward, but send only half of the body and close */
  XA_FAULT_REPLACE,     /* forward, with @from replaced by @to in the body (once) */
  XA_FAULT_DROP,        /* close the connection without answering */
} XaFaultKind;

typedef struct _XaFaultProxy XaFaultProxy;

XaFaultProxy *xa_fault_proxy_new         (const char   *upstream_url);
void          xa_fault_proxy_free        (XaFaultProxy *proxy);
/* "http://127.0.0.1:PORT" */
const char   *xa_fault_proxy_get_url     (XaFaultProxy *proxy);
void          xa_fault_proxy_set_upstream (XaFaultProxy *proxy,
                                           const char   *upstream_url);

/* Queues a fault for the request numbered @request (1 = the next request from now on).
 * Requests without a queued fault pass. */
void          xa_fault_proxy_add         (XaFaultProxy *proxy,
                                          guint         request,
                                          XaFaultKind   kind,
                                          guint         status,
                                          int           retry_after,
                                          const char   *from,
                                          const char   *to);
/* Every request from now on gets this fault (until cleared with XA_FAULT_PASS). */
void          xa_fault_proxy_set_default (XaFaultProxy *proxy,
                                          XaFaultKind   kind,
                                          guint         status);
guint         xa_fault_proxy_get_requests (XaFaultProxy *proxy);

G_END_DECLS
