#ifndef PARTNERBOT_CCURL_SHIM_H
#define PARTNERBOT_CCURL_SHIM_H

#include <curl/curl.h>

/*
 * Typed wrappers around libcurl's variadic functions (curl_easy_setopt,
 * curl_easy_getinfo), which Swift cannot call directly. Each wrapper passes
 * exactly the argument type libcurl documents for the options it is used with.
 */

/// Sets an option that takes a `long` (CURLOPT_NOSIGNAL, CURLOPT_TIMEOUT_MS, ...).
static inline CURLcode pb_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a NUL-terminated string, which libcurl copies.
static inline CURLcode pb_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes an arbitrary pointer (CURLOPT_ERRORBUFFER, ...).
static inline CURLcode pb_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a header list (CURLOPT_HTTPHEADER).
static inline CURLcode pb_curl_set_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/// Sets the request body: its size first, then a copy of the bytes (binary safe).
static inline CURLcode pb_curl_set_post_body(CURL *handle, const void *bytes, long size) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)size);
    if (code != CURLE_OK) {
        return code;
    }
    return curl_easy_setopt(handle, CURLOPT_COPYPOSTFIELDS, bytes);
}

/// The callback type of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*pb_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// The callback type of CURLOPT_XFERINFOFUNCTION.
typedef int (*pb_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

/// Installs the response body callback and its context pointer.
static inline CURLcode pb_curl_set_write_callback(CURL *handle, pb_curl_data_callback callback,
                                                  void *context) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    if (code != CURLE_OK) {
        return code;
    }
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, context);
}

/// Installs the response header callback (called once per header line) and its context pointer.
static inline CURLcode pb_curl_set_header_callback(CURL *handle, pb_curl_data_callback callback,
                                                   void *context) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    if (code != CURLE_OK) {
        return code;
    }
    return curl_easy_setopt(handle, CURLOPT_HEADERDATA, context);
}

/// Installs the progress callback (used to abort cancelled transfers) and enables it.
static inline CURLcode pb_curl_set_progress_callback(CURL *handle, pb_curl_progress_callback callback,
                                                     void *context) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
    if (code != CURLE_OK) {
        return code;
    }
    code = curl_easy_setopt(handle, CURLOPT_XFERINFODATA, context);
    if (code != CURLE_OK) {
        return code;
    }
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

/// Reads the HTTP status code of the last transfer (0 when no response was received).
static inline CURLcode pb_curl_get_response_code(CURL *handle, long *status) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
}

#endif
