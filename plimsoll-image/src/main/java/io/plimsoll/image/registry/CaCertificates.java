package io.plimsoll.image.registry;

import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** {@code --ca-cert FILE}: the system's trusted CAs plus the PEM certificates of a private registry's CA. */
public final class CaCertificates {

    private CaCertificates() {
    }

    /** A TLS context trusting what the JDK trusts and every certificate in {@code files}. */
    public static SSLContext sslContext(List<Path> files) throws ImageException {
        List<X509Certificate> extra = new ArrayList<>();
        for (Path f : files) {
            extra.addAll(read(f));
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate system : systemTrust().getAcceptedIssuers()) {
                trust.setCertificateEntry("system-" + n++, system);
            }
            for (X509Certificate c : extra) {
                trust.setCertificateEntry("ca-cert-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new ImageException(files.get(0).toString(), "cannot set up TLS trust (" + e.getMessage() + ")", e);
        }
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }

    /** The certificates in a PEM (or DER) file; an unreadable file or one without any is an error naming it. */
    static List<X509Certificate> read(Path file) throws ImageException {
        String subject = file.toString();
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new ImageException(subject, "no such CA certificate file");
        } catch (IOException e) {
            throw new ImageException(subject, "cannot read the CA certificate file (" + e.getMessage() + ")", e);
        } catch (CertificateException e) {
            throw new ImageException(subject, "not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new ImageException(subject, "no certificate in it (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs) {
            if (c instanceof X509Certificate x) {
                out.add(x);
            }
        }
        return out;
    }
}
