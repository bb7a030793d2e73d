package dev.socklab.cli;

import dev.socklab.pcap.CaptureFormatException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and a non-zero exit code: a lab user should read
 * what went wrong ("port 9898 is already in use"), never a stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(e, cmd.getCommandName(), cmd.getErr());
    }

    /** A failure while running: one line (a stack trace too with SOCKLAB_DEBUG set), exit 1 or the LabException's code. */
    static int report(Exception e, String commandName, PrintWriter err) {
        err.println(commandName + ": " + describe(e));
        err.flush();
        if (System.getenv("SOCKLAB_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return e instanceof LabException lab ? lab.exitCode() : 1;
    }

    static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        return usage(cmd.getErr(), cmd.getCommandName(), cmd.getCommandSpec().qualifiedName(), e.getMessage());
    }

    /** A command line that cannot run: what is wrong and where the help is, exit 2. */
    static int usage(PrintWriter err, String commandName, String qualifiedName, String message) {
        err.println(commandName + ": " + message + " (see: " + qualifiedName + " --help)");
        err.flush();
        return 2;
    }

    /** A short, human sentence for an exception: the message users see. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        String msg = e.getMessage();
        // Ours, and the capture readers': messages already written for the user (they name the file and the fault).
        if (e instanceof LabException || e instanceof CaptureFormatException || e instanceof dev.socklab.lab.LabFailure) return msg;
        if (e instanceof NoSuchFileException f) return "no such file or folder: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "permission denied: " + f.getFile();
        if (e instanceof NotDirectoryException f) return "not a folder: " + f.getFile();
        if (e instanceof FileAlreadyExistsException f) return "already exists: " + f.getFile();
        if (e instanceof FileSystemException f) {
            return (f.getReason() == null ? "file error" : f.getReason().toLowerCase()) + ": " + f.getFile();
        }
        if (e instanceof FileNotFoundException) return msg;
        if (e instanceof UnknownHostException) return "unknown host: " + msg;
        if (e instanceof BindException) return "cannot listen: " + lower(msg);
        if (e instanceof ConnectException) return "cannot connect: " + lower(msg);
        if (e instanceof NoRouteToHostException) return "no route to host: " + lower(msg);
        if (e instanceof SocketTimeoutException) return "timed out: " + lower(msg);
        if (e instanceof EOFException) return "connection closed early" + (msg == null ? "" : ": " + msg);
        if (e instanceof SocketException) return "network error: " + lower(msg);
        if (e instanceof IOException) return "I/O error: " + lower(msg);
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static String lower(String msg) {
        if (msg == null || msg.isEmpty()) return "(no detail)";
        return Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
    }
}
