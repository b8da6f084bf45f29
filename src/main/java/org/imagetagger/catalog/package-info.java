/** Images, tags and folders: the catalog in the database, its search, and the REST resources over it. */
package org.imagetagger.catalog;
