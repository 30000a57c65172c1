#ifndef CMEMORY_H
#define CMEMORY_H

// Asks the CPU to start loading a cache line that will be read soon. Lookups into tables larger than
// the nearer caches issue it a few items ahead, so that several loads are under way at once.
static inline void cmemory_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
