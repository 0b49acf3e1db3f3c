/* action_name — IAM action-name lexer (re2c); see eval/action_name.h. */
#include "eval/action_name.h"

#include <string.h>

static void set_out(const char **p, size_t *len, const char *v, size_t n)
{
	if (p)
		*p = v;
	if (len)
		*len = n;
}

int action_name_parse(const char *s, const char **service, size_t *service_len,
		      const char **name, size_t *name_len)
{
	const unsigned char *YYCURSOR = (const unsigned char *)s;
	const unsigned char *YYMARKER;
	const unsigned char *s0, *s1, *n0, *n1;
	/*!stags:re2c format = 'const unsigned char *@@;\n'; */

	set_out(service, service_len, NULL, 0);
	set_out(name, name_len, NULL, 0);
	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;
	re2c:tags = 1;

	service = [A-Za-z0-9-]+;
	action = [A-Za-z0-9*?_-]+;

	"*" "\x00" {
		set_out(name, name_len, s, 1);
		return 0;
	}
	@s0 service @s1 ":" @n0 action @n1 "\x00" {
		set_out(service, service_len, (const char *)s0, (size_t)(s1 - s0));
		set_out(name, name_len, (const char *)n0, (size_t)(n1 - n0));
		return 0;
	}
	* { return -1; }
	*/
}

int action_name_has_wildcard(const char *s)
{
	const char *name;
	size_t len, i;

	if (action_name_parse(s, NULL, NULL, &name, &len) < 0)
		return 0;
	for (i = 0; i < len; i++)
		if (name[i] == '*' || name[i] == '?')
			return 1;
	return 0;
}
