package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    @Test
    void findsANameByARegionOfALongerStringAndGivesBackItsOwnString() {
        String shop = new String("shop");
        MountTable table = new MountTable(List.of(shop, "_server", "_sys", "_sys/admin"));
        assertSame(shop, table.find("shop/list/7", 0, 4));
        assertSame(shop, table.find("xx/shop", 3, 7));
        assertEquals("_sys/admin", table.find("_sys/admin/users", 0, 10));
        assertEquals("_sys", table.find("_sys/other", 0, 4));
    }

    @Test
    void aPrefixOrAnExtensionOfANameIsNotThatName() {
        MountTable table = new MountTable(List.of("shop", "_sys/admin"));
        assertNull(table.find("shopping", 0, 8));
        assertNull(table.find("shop", 0, 3));
        assertNull(table.find("_sys/adm", 0, 8));
        assertNull(table.find("", 0, 0));
        assertNull(table.find("SHOP", 0, 4), "names are case-sensitive, as mount names are");
    }

    @Test
    void namesWithTheSameHashAreToldApart() {
        // "Aa" and "BB" hash alike, as do their concatenations: every probe meets a collision
        List<String> same = List.of("AaAa", "AaBB", "BBAa", "BBBB");
        MountTable table = new MountTable(same);
        for (String name : same) {
            assertSame(name, table.find("/" + name + "/", 1, 5));
        }
        assertNull(new MountTable(List.of("AaAa")).find("BBBB", 0, 4));
    }

    @Test
    void everyNameOfALargeTableIsFoundAndNoOtherIs() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            names.add("app" + i);
        }
        MountTable table = new MountTable(names);
        for (String name : names) {
            assertSame(name, table.find("x" + name + "/y", 1, 1 + name.length()));
        }
        for (int i = 300; i < 600; i++) {
            assertNull(table.find("app" + i, 0, ("app" + i).length()));
        }
    }

    @Test
    void aNameGivenTwiceIsFoundLikeTheOthers() {
        MountTable table = new MountTable(List.of("a", "a", "b"));
        assertEquals("a", table.find("a", 0, 1));
        assertEquals("b", table.find("b", 0, 1));
    }

    @Test
    void anEmptyTableFindsNothing() {
        assertNull(new MountTable(List.of()).find("shop", 0, 4));
    }
}
