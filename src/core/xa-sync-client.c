/* xa-sync-client.c — written next; see xa-sync-client.h. */
