package org.shanzhi.cases;

/** An uploaded photo (JPEG, PNG, WebP or GIF), stored in the database so every app node can serve it. */
public record NewPhoto(String contentType, byte[] data) {
}
