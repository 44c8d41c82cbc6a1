/*
 * etl/mask.h -- masking a text zothuis did not write before it is quoted
 * in a message: a configuration or mapping line GKeyFile quotes may be a
 * line of the key file or of a data file (docs/privacy.md).
 */
#ifndef ZT_MASK_H
#define ZT_MASK_H

/* Mask every run of 16 or more hexadecimal digits (and '*') in `s` but
 * its first two, in place: a key, a hash or a token, never to be quoted
 * whole. */
void zt_mask_hex_runs(char *s);

/* A copy of `s` for g_free() with every BSN-like group and every run of
 * eight or more digits masked (zt_mask_text with ZT_MASK_LONG and
 * ZT_MASK_ALL8), then every run of 16 or more hexadecimal digits: the
 * masking of docs/privacy.md for a header preview, uncut. */
char *zt_mask_secret_dup(const char *s);

#endif
