/**
 * The built-in system apps under {@code /_sys/}: the OpenAPI document built from the
 * routes ({@code openapi}, a routing class), the API explorer ({@code explorer}) and the
 * plugin settings page ({@code plugins}), both endpoints serving an HTML shell and the JSON
 * calls its script makes (one shell, one content security policy, errors as JSON).
 *
 * <p>They see the server only through {@link org.genro.server.system.SystemHost}, which the
 * server implements: this package never reaches back into {@code org.genro.server}. Who may
 * reach them is decided before they run: loopback clients and admins, unless the
 * {@code system.public} setting opens a page to everyone (the plugin page never).
 */
package org.genro.server.system;
