/* imageref.h - image reference grammar (distribution/reference). */
#ifndef IMAGEREF_H
#define IMAGEREF_H

#include <stdbool.h>
#include <stddef.h>

/* Whether image parses as reference.ParseNormalizedNamed accepts it.  If
 * not, err receives that function's error text, e.g. "invalid reference
 * format" or "invalid checksum digest length". */
bool imageref_parse(const char *image, char *err, size_t len);
/* image as Go's %q writes it (strconv.Quote), cut short to fit buf; the
 * kubelet's messages quote references so.  Unicode printability is
 * approximated: C1 controls, NBSP and the soft hyphen become \uNNNN,
 * other valid UTF-8 is kept. */
void imageref_quote(const char *image, char *buf, size_t len);

#endif
