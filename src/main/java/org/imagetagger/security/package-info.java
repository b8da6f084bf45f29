/**
 * Who may call the API and what the browser may do with our pages: the bearer-token authentication
 * mechanism (Jakarta Security), the request body limit, and the security headers.
 */
package org.imagetagger.security;
